// A small XML well-formedness check for the SVG we emit: balanced tags, quoted attributes,
// no stray `<` or `&`. Returns the element names in document order (for counting).
export function checkXml(xml: string): string[] {
  const names: string[] = [];
  const stack: string[] = [];
  let i = 0;
  const text = (s: string) => {
    if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(s)) throw new Error(`bare & in text near ${JSON.stringify(s.slice(0, 40))}`);
  };
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) { text(xml.slice(i)); break; }
    text(xml.slice(i, lt));
    const gt = xml.indexOf('>', lt);
    if (gt < 0) throw new Error('unterminated tag');
    const tag = xml.slice(lt + 1, gt);
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open}>`);
    } else {
      const m = /^([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)$/.exec(tag);
      if (!m) throw new Error(`malformed tag <${tag.slice(0, 60)}>`);
      names.push(m[1]);
      const attrs = [...m[2].matchAll(/([\w:.-]+)="/g)].map((a) => a[1]);
      if (new Set(attrs).size !== attrs.length) throw new Error(`duplicate attribute in <${m[1]}>`);
      for (const a of m[2].matchAll(/="([^"]*)"/g)) text(a[1]);
      if (!m[3]) stack.push(m[1]);
    }
    i = gt + 1;
  }
  if (stack.length) throw new Error(`unclosed <${stack.join('>, <')}>`);
  return names;
}
