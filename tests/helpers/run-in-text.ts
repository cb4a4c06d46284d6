/** Text for the run-in tests (tests/unit/run-in-rule.test.ts, tests/integration/run-in-paths.test.ts, the e2e). */

/** The body of a test article: three heading levels, run in and standalone, as an editor would type it. */
export const RUN_IN_BODY = [
  '今年以来，市人大常委会围绕代表联络站建设开展工作，取得了阶段性成效。',
  '一、健全工作机制。市人大常委会制定联络站工作规范，明确进站代表、接待时间和办理流程，各县市区结合实际细化落实。',
  '（一）明确进站安排。每月安排代表进站接待群众，接待情况在联络站公开栏公示，接受群众监督。',
  '1.完善接待记录。接待中认真记录群众反映的问题，接待后及时整理归类，做到件件有登记、事事有回音。',
  '二、主要成效',
  '代表联络站已成为代表联系群众的重要平台。',
  '（二）畅通沟通渠道',
  '依托“株洲人大代表履职平台”APP和代表联络站，群众反映问题更加便捷。',
];
