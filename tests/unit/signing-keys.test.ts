/**
 * Sealed private keys: scrypt + AES-256-GCM from node:crypto. The right secret opens, a wrong one is told apart
 * from a damaged key, a key copied onto another record (another purpose) does not open, and the production cost
 * is the one the README states.
 */
import { describe, expect, it } from 'vitest';
import { DamagedKeyError, DEFAULT_KDF, openKey, sealKey, WrongSecretError } from '../../services/signing-keys.js';
import { TEST_KDF } from '../helpers/signing.js';

const KEY = Buffer.from('a pkcs8 private key, 32+ bytes long, as DER would be');

describe('sealed keys', () => {
  it('opens with the right secret and purpose only; the secret and the key are nowhere in the record', async () => {
    const sealed = await sealKey(KEY, '246810', { purpose: 'bulletin-signer:abc', kdf: TEST_KDF });
    expect(sealed).toMatchObject({ kdf: 'scrypt', cipher: 'aes-256-gcm', N: 1024, r: 8, p: 1 });
    const text = JSON.stringify(sealed);
    expect(text).not.toContain('246810');
    expect(text).not.toContain(KEY.toString('base64'));
    expect(await openKey(sealed, '246810', { purpose: 'bulletin-signer:abc' })).toEqual(KEY);
    await expect(openKey(sealed, '246811', { purpose: 'bulletin-signer:abc' })).rejects.toBeInstanceOf(WrongSecretError);
    await expect(openKey(sealed, '246810', { purpose: 'bulletin-signer:other' })).rejects.toBeInstanceOf(WrongSecretError);
    // The PIN is normalized: the same characters typed as NFD open it too.
    const cjk = await sealKey(KEY, 'é签发', { purpose: 'p', kdf: TEST_KDF });
    expect(await openKey(cjk, 'e\u0301签发', { purpose: 'p' })).toEqual(KEY);
  });

  it('tells a damaged key from a wrong PIN', async () => {
    const sealed = await sealKey(KEY, '246810', { purpose: 'p', kdf: TEST_KDF });
    const data = Buffer.from(sealed.data, 'base64');
    data[3] ^= 1;
    await expect(openKey({ ...sealed, data: data.toString('base64') }, '246810', { purpose: 'p' })).rejects.toThrow('密钥已损坏（校验值不符）');
    await expect(openKey({ ...sealed, iv: 'xx' }, '246810', { purpose: 'p' })).rejects.toBeInstanceOf(DamagedKeyError);
    await expect(openKey({ ...sealed, N: 3 }, '246810', { purpose: 'p' })).rejects.toThrow('密钥派生参数无效');
    await expect(openKey(null as never, '246810', { purpose: 'p' })).rejects.toThrow('密钥已损坏（不是密钥记录）');
  });

  it('new keys cost N = 2^19, r = 8, p = 2 (512 MiB, two passes) unless a test says otherwise', () => {
    expect(DEFAULT_KDF).toEqual({ N: 2 ** 19, r: 8, p: 2 });
  });
});
