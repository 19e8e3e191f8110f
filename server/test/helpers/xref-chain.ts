/** One cross-reference section with the dictionary that ends it (trailer or xref stream). */
export interface XrefSection {
  offset: number;
  kind: 'table' | 'stream';
  dictionary: string;
  prev: number | undefined;
}

/** The sections from the last `startxref` back along /Prev, newest first. */
export function xrefChain(pdf: Buffer): XrefSection[] {
  const text = pdf.toString('latin1');
  const startxref = /startxref\s+(\d+)/g;
  const last = [...text.slice(-2048).matchAll(startxref)].pop();
  if (!last) throw new Error('no startxref in the last 2 KB of the file');

  const sections: XrefSection[] = [];
  for (let offset: number | undefined = Number(last[1]); offset !== undefined;) {
    if (sections.some((section) => section.offset === offset)) {
      throw new Error(`/Prev loops back to ${offset}`);
    }
    const section = xrefSectionAt(text, offset);
    sections.push(section);
    offset = section.prev;
  }

  return sections;
}

function xrefSectionAt(text: string, offset: number): XrefSection {
  const head = text.slice(offset, offset + 64);
  if (/^\s*xref\b/.test(head)) {
    const trailer = text.indexOf('trailer', offset);
    if (trailer < 0) throw new Error(`xref table at ${offset} has no trailer`);

    return section(offset, 'table', dictionaryAt(text, text.indexOf('<<', trailer)));
  }
  if (/^\s*\d+\s+\d+\s+obj\b/.test(head)) {
    return section(offset, 'stream', dictionaryAt(text, text.indexOf('<<', offset)));
  }

  throw new Error(
    `offset ${offset} holds neither 'xref' nor an xref stream: ${JSON.stringify(head)}`,
  );
}

function section(offset: number, kind: XrefSection['kind'], dictionary: string): XrefSection {
  const prev = /\/Prev\s+(\d+)/.exec(dictionary)?.[1];

  return { offset, kind, dictionary, prev: prev === undefined ? undefined : Number(prev) };
}

/** The text of the dictionary opening at `start`, up to its matching `>>`. */
function dictionaryAt(text: string, start: number): string {
  let depth = 0;
  for (let i = start; i < text.length - 1; i++) {
    if (text.startsWith('<<', i)) {
      depth++;
      i++;
    } else if (text.startsWith('>>', i)) {
      depth--;
      i++;
      if (depth === 0) return text.slice(start, i + 1);
    }
  }

  throw new Error(`unterminated dictionary at ${start}`);
}

/**
 * CHECKS.md 8: every section added after the input carries /ID (ISO 32000-2 14.4 requires it
 * in signed files) and is of the same kind as the section it follows, since readers that
 * understand only tables must still find the old objects.
 */
export function xrefFailures(output: Buffer, inputLength: number): string[] {
  let chain: XrefSection[];
  try {
    chain = xrefChain(output);
  } catch (error) {
    return [`cannot follow the xref chain: ${(error as Error).message}`];
  }
  const failures: string[] = [];
  chain.forEach((section, index) => {
    if (section.offset < inputLength) return;
    if (!/\/ID\s*\[/.test(section.dictionary)) {
      failures.push(
        `new xref ${section.kind} at ${section.offset} has no /ID: ${section.dictionary}`,
      );
    }
    const previous = chain[index + 1];
    if (!previous) failures.push(`new xref ${section.kind} at ${section.offset} has no /Prev`);
    else if (previous.kind !== section.kind) {
      failures.push(
        `new xref ${section.kind} at ${section.offset} follows an xref ${previous.kind}`,
      );
    }
  });

  return failures;
}
