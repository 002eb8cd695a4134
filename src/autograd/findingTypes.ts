// The autograd rules build the findings framework's plain data (src/lint/types.ts).
export type { Finding, FindingSeverity, Fix, TextEdit } from '../lint/types';
