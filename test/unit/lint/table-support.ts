import { RULES as ADVICE } from '../../../src/advice';
export { RULES } from '../../../src/lint';
export const ADVICE_CODES = ADVICE.map((r) => r.code).filter((c): c is string => !!c);
