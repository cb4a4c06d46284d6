/**
 * Object identifiers of an OFD document: unsigned integers unique within the document (GB/T 33190-2016 §7.4,
 * ST_ID), handed out in order; Document.xml records the largest as MaxUnitID. One allocator per export.
 */
export interface IdAllocator {
  /** The next unused identifier. */
  next(): number;
  /** The largest identifier handed out so far. */
  readonly max: number;
}

export function createIds(): IdAllocator {
  let last = 0;
  return {
    next: () => ++last,
    get max() {
      return last;
    },
  };
}
