// Where a rule's page lives: docs/rules/CODE.md in the repository, shipped in the .vsix.
export const RULE_DOCS_BASE = 'https://example.invalid/activation-lens/blob/main/docs/rules/';
export const rulePageName = (code: string) => `${code}.md`;
