import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BoilerplateRules } from '../../src/corpus/boilerplate.js';
import { splitArticle } from '../../src/corpus/passages.js';

const rules = new BoilerplateRules();
const excerpts = (text: string, r = rules) =>
  splitArticle(text, r).passages.map((p) => text.slice(p.start, p.end));

describe('splitArticle', () => {
  it('keeps abbreviations, decimals, prices and reference markers inside their sentence', () => {
    const text =
      'The letter went to Sen. Tim Scott and the U.S. Senate Banking Committee on June 10. ' +
      'Mr. Smith said it covered 28.8 million exchanges.[1][9] Shares fell below $100 on the news that day.';
    expect(excerpts(text)).toEqual([
      'The letter went to Sen. Tim Scott and the U.S. Senate Banking Committee on June 10.',
      'Mr. Smith said it covered 28.8 million exchanges.[1][9]',
      'Shares fell below $100 on the news that day.',
    ]);
  });

  it('joins a fragment to the sentence before it', () => {
    const text =
      'In the letter, Anthropic says the campaign ran from April 22 to June 5, 2026. That is about six weeks.';
    expect(excerpts(text)).toEqual([text]);
  });

  it('gives exact UTF-16 offsets after emoji and accents', () => {
    const text =
      '🎉 Café owners were surprised by the news today. Naïve readers 🙂 believed every word of it.';
    expect(excerpts(text)).toEqual([
      '🎉 Café owners were surprised by the news today.',
      'Naïve readers 🙂 believed every word of it.',
    ]);
  });

  it('reads a table row with its header, and numbers content blocks', () => {
    const text = 'Key facts\n| Item | Reported figure |\n|---|---|\n| Fake accounts used | ~25,000 |\n';
    const [row] = splitArticle(text, rules).passages;
    expect(row).toMatchObject({
      kind: 'row',
      context: 'Item · Reported figure',
      section: 'Key facts',
      paragraph: 1,
    });
    expect(text.slice(row?.start, row?.end)).toBe('| Fake accounts used | ~25,000 |');
  });

  it('takes a bullet item without its marker', () => {
    const text =
      'Quick Take\n\n  • Anthropic accused operators of using nearly 25,000 fraudulent accounts.\n';
    expect(excerpts(text)).toEqual([
      'Anthropic accused operators of using nearly 25,000 fraudulent accounts.',
    ]);
  });

  it.each([
    ['📚 New to this topic? Read our full guide: Generative AI Explained.'],
    ['**Also read:** [One story](https://example.com/one) • [Another](https://example.com/two)'],
    ['[1] Web – Anthropic Accuses Alibaba Of Running Major “Adversarial Distillation” …'],
    ['Sources: Benzinga, CNBC and Financial Express.'],
    ['US: Anthropic Accuses Alibaba Of Massive AI Theft Campaign | Firstpost Live | N18G'],
    ['22+'],
    ['Warning: this story contains details some readers may find distressing.'],
    ['Content warning: this article describes violence.'],
    ['This article was originally published on The Conversation. Read the original article.'],
  ])('never returns boilerplate: %s', (line) => {
    expect(excerpts(`${line}\nAnthropic sent its letter to the Senate Banking Committee in June.`)).toEqual([
      'Anthropic sent its letter to the Senate Banking Committee in June.',
    ]);
  });

  it.each([
    ['By Tuesday, the letter had reached every member of the committee.'],
    ['Correction: the letter was sent on June 10, not June 12.'],
    ['Editor’s note: Alibaba was fined $2.8 billion by Chinese regulators in 2021.'],
    ['Content warning labels were introduced in March.'],
  ])('keeps a sentence that only looks like a byline or a note: %s', (line) => {
    expect(excerpts(line)).toEqual([line]);
  });

  it('skips a quoted social post followed by its handle, and sections the corpus marks as boilerplate', () => {
    const text =
      'The Crowd\n\n"Anthropic has just accused Alibaba of the largest theft attack in history."\n\n@@someone\n';
    expect(excerpts(text)).toEqual([]);
    const withSection = new BoilerplateRules([], ['^Broadcast$']);
    expect(
      excerpts('Broadcast\nA video title that is long enough to look like a sentence here.\n', withSection),
    ).toEqual([]);
  });

  it('reads the source and date header lines, the date as written', () => {
    const split = splitArticle(
      '# Title here\n\n> Source: <https://example.com/a>\n> Published: 2026-06-26 11:00\n\nBody text goes on here.',
      rules,
    );
    expect(split).toMatchObject({
      firstLine: 'Title here',
      url: 'https://example.com/a',
      published: '2026-06-26 11:00',
    });
  });

  it('uses a corpus pattern to drop a caption', () => {
    const custom = new BoilerplateRules(['^Laptop displaying']);
    expect(excerpts('Laptop displaying the Claude logo, on a desk in an office.\n', custom)).toEqual([]);
  });
});

describe('splitArticle line endings', () => {
  it.each([
    ['\n', 'LF'],
    ['\r\n', 'CRLF'],
    ['\r', 'CR'],
  ])('reads tables and paragraphs the same with %j (%s) line breaks', (eol) => {
    const text = [
      'Key facts',
      '| Item | Figure |',
      '|---|---|',
      '| Red gadgets made | 5,555 |',
      '',
      'The plant made gadgets all year long.',
    ].join(eol);
    expect(excerpts(text)).toEqual(['| Red gadgets made | 5,555 |', 'The plant made gadgets all year long.']);
  });
});

describe('splitArticle layout', () => {
  it('joins hard-wrapped lines into one paragraph', () => {
    const text =
      'The regulator fined the bank 40 million dollars on Monday because\nit had ignored repeated warnings.\n';
    expect(excerpts(text)).toEqual([
      'The regulator fined the bank 40 million dollars on Monday because\nit had ignored repeated warnings.',
    ]);
  });

  it('reads a Title Case question as a heading, a sentence-case one as a passage', () => {
    const text =
      'If It Copies This Cheaply, How Big Was the Moat?\nWhat is AI distillation in simple words?\n';
    const split = splitArticle(text, rules);
    expect(split.passages.map((p) => text.slice(p.start, p.end))).toEqual([
      'What is AI distillation in simple words?',
    ]);
    expect(split.passages[0]?.section).toBe('If It Copies This Cheaply, How Big Was the Moat?');
  });

  it('marks the paragraphs under an FAQ question as answering it, short questions included', () => {
    const text =
      'FAQ\nHow did the accounts get past the block?\nThey used proxy services to hide where they were.\n' +
      'Has it responded?\nThe company had not replied to requests for comment.\n' +
      'Next Steps\nSenators will hold a hearing on the matter soon.\n';
    const split = splitArticle(text, rules);
    expect(split.passages.map((p) => [text.slice(p.start, p.end), p.section, p.question])).toEqual([
      ['How did the accounts get past the block?', 'FAQ', null],
      [
        'They used proxy services to hide where they were.',
        'FAQ',
        'How did the accounts get past the block?',
      ],
      ['The company had not replied to requests for comment.', 'FAQ', 'Has it responded?'],
      ['Senators will hold a hearing on the matter soon.', 'Next Steps', null],
    ]);
  });

  it('reads a sentence-case question heading as an FAQ question, a Title Case one as a headline', () => {
    const text =
      '### How did they get past the block?\nThey used proxy services to hide where they were.\n' +
      '## If It Copies This Cheaply, How Big Was the Moat?\nThe moat may be thinner than the company says.\n';
    const split = splitArticle(text, rules);
    expect(split.passages.map((p) => p.question)).toEqual(['How did they get past the block?', null]);
  });

  it('ignores table rows without words and short separators', () => {
    const text = '| Item | Figure |\n|-|-|\n| | |\n| Red gadgets made | 5,555 |\n';
    expect(excerpts(text)).toEqual(['| Red gadgets made | 5,555 |']);
  });

  it('reads a table without outer pipes, and still skips a pipe-separated title outside a table', () => {
    const text =
      'Measure | Value | Source\n--- | --- | ---\nPeak wind speed | 145 mph | weather service\n' +
      'homes without power | 220,000 | utility company\n\nStorm Watch | Channel 5 | Evening News\n';
    const split = splitArticle(text, rules);
    expect(split.passages.map((p) => [text.slice(p.start, p.end), p.kind, p.context])).toEqual([
      ['Peak wind speed | 145 mph | weather service', 'row', 'Measure · Value · Source'],
      ['homes without power | 220,000 | utility company', 'row', 'Measure · Value · Source'],
    ]);
  });

  it('skips horizontal rules, and reads a line underlined with "===" or "---" as a heading', () => {
    const text =
      'Title of the piece\n==================\n\nThe city closed the harbor bridge on Monday for repairs.\n\n' +
      'Second part of the long story about the bridge and its many cables\n-----------\n\n' +
      'Engineers expect the repairs to take about three weeks.\n\n* * *\n\nThe office said so in a statement today.\n';
    const split = splitArticle(text, rules);
    expect(split.firstLine).toBe('Title of the piece');
    expect(split.passages.map((p) => [text.slice(p.start, p.end), p.section])).toEqual([
      ['The city closed the harbor bridge on Monday for repairs.', 'Title of the piece'],
      [
        'Engineers expect the repairs to take about three weeks.',
        'Second part of the long story about the bridge and its many cables',
      ],
      [
        'The office said so in a statement today.',
        'Second part of the long story about the bridge and its many cables',
      ],
    ]);
  });

  it('reads the title, date and link of YAML front matter, and quotes none of it', () => {
    const text =
      '---\ntitle: "Harbor bridge closes for repairs"\ndate: 2026-04-02T08:00:00Z\nurl: https://example.com/bridge\n' +
      'tags:\n- city\n---\n\nthe city closed the harbor bridge on Monday for emergency repairs.\n';
    const split = splitArticle(text, rules);
    expect(split).toMatchObject({
      firstLine: 'Harbor bridge closes for repairs',
      url: 'https://example.com/bridge',
      published: '2026-04-02T08:00:00Z',
    });
    expect(split.passages.map((p) => text.slice(p.start, p.end))).toEqual([
      'the city closed the harbor bridge on Monday for emergency repairs.',
    ]);
  });

  it('reads a title folded or quoted over several lines of front matter', () => {
    for (const title of [
      'title: >\n  Harbor bridge closes\n  for repairs',
      'title: "Harbor bridge closes\n  for repairs"',
    ]) {
      const text = `---\n${title}\ndate: 2026-04-02\n---\n\nThe city closed the harbor bridge on Monday for repairs.\n`;
      expect(splitArticle(text, rules)).toMatchObject({
        firstLine: 'Harbor bridge closes for repairs',
        published: '2026-04-02',
      });
      expect(excerpts(text)).toEqual(['The city closed the harbor bridge on Monday for repairs.']);
    }
  });

  it('reads front matter with comments, dotted or quoted keys, long lists and a title "No"', () => {
    const text =
      '---\n# weight: 1\ntitle: "No"\n"og.image": /a.png\ndate: 2026-06-26T11:30:03+00:00\nurl: /relative\n' +
      `canonical_url: https://example.com/a\naliases:\n${'  - /old\n'.repeat(120)}---\n\nThe city closed the harbor bridge on Monday for repairs.\n`;
    expect(splitArticle(text, rules)).toMatchObject({
      firstLine: 'No',
      url: 'https://example.com/a',
      published: '2026-06-26T11:30:03+00:00',
    });
    expect(excerpts(text)).toEqual(['The city closed the harbor bridge on Monday for repairs.']);
  });

  it.each([
    ['Analysis: why the harbor crane fell'],
    ['Analysis: why\n  the harbor crane fell'],
    ['*Breaking* Harbor crane falls'],
    ['Q&A: the harbor crane'],
  ])('reads front matter that is no valid YAML line by line: title %j', (title) => {
    const text = `---\ntitle: ${title}\ndate: 2026-06-26\nurl: https://news.example.com/a\n---\n\nThe city closed the harbor bridge on Monday for repairs.\n`;
    expect(splitArticle(text, rules)).toMatchObject({
      firstLine: title.replace(/\n\s+/, ' '),
      url: 'https://news.example.com/a',
      published: '2026-06-26',
    });
    expect(excerpts(text)).toEqual(['The city closed the harbor bridge on Monday for repairs.']);
  });

  it('reads values over several lines and comments in front matter that is no valid YAML', () => {
    const text =
      '---\ntitle: >-\n  Why the harbor\n  crane fell\ndescription: Analysis: the crane\n' +
      'url: https://news.example.com/a # canonical\n---\n\nThe city closed the harbor bridge on Monday for repairs.\n';
    expect(splitArticle(text, rules)).toMatchObject({
      firstLine: 'Why the harbor crane fell',
      url: 'https://news.example.com/a',
    });
  });

  it.each([
    [
      'a value wrapped over lines',
      'description: A storm toppled the crane and workers were evacuated\n  before it fell, the port said.',
    ],
    ['a flow list over lines', 'tags: [port, crane,\n  storm]'],
    [
      'a list of maps with a folded value',
      'images:\n- src: x.jpg\n  alt: >-\n    A crane lies across the pier.',
    ],
    [
      'a block scalar with a blank line and a comment',
      'description: | # summary\n  First line.\n\n  # Second line.',
    ],
    [
      'keys with colons, dollars and a merge key',
      'og:image: /a.png\n$schema: x\nbase: &d {lang: en}\nmore:\n  <<: *d',
    ],
  ])('reads valid front matter with %s', (_case, extra) => {
    const text = `---\ntitle: Crane falls\ndate: 2026-06-26\n${extra}\nurl: https://news.example.com/a\n---\n\nThe city closed the harbor bridge on Monday for repairs.\n`;
    expect(splitArticle(text, rules)).toMatchObject({
      firstLine: 'Crane falls',
      url: 'https://news.example.com/a',
      published: '2026-06-26',
    });
    expect(excerpts(text)).toEqual(['The city closed the harbor bridge on Monday for repairs.']);
  });

  it('reads indented prose under a key line between rules as prose, not front matter', () => {
    const text =
      '---\nHeadline: Crane falls in Oakland\nSource: Reuters\n\n    OAKLAND (Reuters) - A storm toppled the harbor crane on Monday night.\n' +
      '    Workers were evacuated before it fell, the port said.\n---\n\nTraffic will be diverted to the old ferry road.\n';
    expect(excerpts(text)).toContain('OAKLAND (Reuters) - A storm toppled the harbor crane on Monday night.');
  });

  it('reads paragraphs that hold a colon between rules as paragraphs, not front matter', () => {
    const text =
      '---\nSource: City Hall\nThe mayor said on Monday: the harbor bridge will close for repairs.\n' +
      'Engineers told reporters: the work will take about three weeks.\n---\n\nTraffic will be diverted to the old ferry road.\n';
    expect(excerpts(text)).toEqual([
      'The mayor said on Monday: the harbor bridge will close for repairs.',
      'Engineers told reporters: the work will take about three weeks.',
      'Traffic will be diverted to the old ferry road.',
    ]);
  });

  it('reads a rule at the top that is not followed by key-value lines as a rule', () => {
    const text =
      '---\n\nThe city closed the harbor bridge on Monday.\n\n---\n\nEngineers expect three weeks of work.\n';
    expect(excerpts(text)).toEqual([
      'The city closed the harbor bridge on Monday.',
      'Engineers expect three weeks of work.',
    ]);
  });

  it.each([
    '---\n- The harbor bridge closed on Monday for repairs.\n- Engineers expect the work to take three weeks.\n---\n',
    '---\n\nUpdate: The city reopened the harbor bridge on Friday after repairs.\n\n---\n',
    '---\nNote: the council voted 7-2 to fund the repairs on Monday.\n...\n',
  ])('quotes a file that opens with a rule and gives no title, date or link: %j', (text) => {
    expect(splitArticle(text, rules).passages.length).toBeGreaterThan(0);
  });

  it('reads front matter with capitalised keys, or with keys of its own, and quotes none of it', () => {
    const capitalised = splitArticle(
      '---\nTitle: X marks\nDate: 2026-06-26\n---\n\nThe bridge closed on Monday.\n',
      rules,
    );
    expect(capitalised).toMatchObject({ firstLine: 'X marks', published: '2026-06-26' });
    expect(capitalised.passages.map((p) => p.section)).toEqual([null]);
    const own =
      '---\nheadline: Bridge\npubDate: 2026\nauthor: Jane Doe\n---\n\nThe bridge closed on Monday.\n';
    expect(excerpts(own)).toEqual(['The bridge closed on Monday.']);
  });

  it('reads an underlined question as a heading, whose paragraphs answer it', () => {
    const text =
      'Has Alibaba responded to the letter?\n---\n\nAlibaba had not replied to requests for comment.\n';
    expect(splitArticle(text, rules).passages.map((p) => p.question)).toEqual([
      'Has Alibaba responded to the letter?',
    ]);
  });

  it('does not join a lower-case line to a line with two pipes', () => {
    const text =
      'Watch: Bridge closes | Firstpost Live | N18G\nthe city closed the harbor bridge on Monday for repairs.\n';
    expect(excerpts(text)).toEqual(['the city closed the harbor bridge on Monday for repairs.']);
  });

  it('keeps prose that looks a little like front matter or an underlined question', () => {
    const notes =
      '---\nUpdate: Alibaba denied the claims on Friday.\nCorrection: Anthropic said so on Monday.\n---\n';
    expect(excerpts(notes)).toHaveLength(2);
    const asks = 'The bill came to millions in total. But who, in the end, will pay for all of this?\n---\n';
    expect(excerpts(asks)).toHaveLength(2);
    const shares =
      'Alibaba shares (BABA | 9988.HK | ADR) fell sharply because\ninvestors feared new sanctions on Monday.\n';
    expect(excerpts(shares)).toEqual([shares.trim()]);
  });

  it('keeps sentences apart whose reference markers follow a space, each marker with what it cites', () => {
    const text =
      'Anthropic sent the letter on June 10, 2026. [1] Alibaba had not replied to requests for comment. [2][3] Shares fell “three percent that day.” [4] Trading resumed on Tuesday morning in Hong Kong.';
    expect(excerpts(text)).toEqual([
      'Anthropic sent the letter on June 10, 2026. [1]',
      'Alibaba had not replied to requests for comment. [2][3]',
      'Shares fell “three percent that day.” [4]',
      'Trading resumed on Tuesday morning in Hong Kong.',
    ]);
  });

  it('ends a sentence after the emphasis it closes', () => {
    const text =
      '**Anthropic sent the letter on June 10, 2026.** Alibaba had not replied to requests for comment.';
    expect(excerpts(text)).toEqual([
      '**Anthropic sent the letter on June 10, 2026.**',
      'Alibaba had not replied to requests for comment.',
    ]);
    // A mark set apart by a space opens the next sentence, whatever the one before holds.
    const apart = 'He wrote a *long* letter to the senators. * Alibaba denied any wrongdoing that week.';
    expect(excerpts(apart)).toEqual([
      'He wrote a *long* letter to the senators.',
      '* Alibaba denied any wrongdoing that week.',
    ]);
  });

  it('keeps a quote or a sentence above a "---" rule as a passage', () => {
    for (const line of [
      '> The bridge is closed until further notice, the mayor said.',
      'The bridge is closed until further notice, the mayor said.',
    ]) {
      const text = `${line}\n---\n\nThe council met on Tuesday to discuss it.\n`;
      const split = splitArticle(text, rules);
      expect(split.passages.map((p) => p.section)).toEqual([null, null]);
      expect(excerpts(text)[0]).toContain('The bridge is closed until further notice');
    }
  });

  it('joins a hard-wrapped line with a pipe in it, but not two rows of a table', () => {
    const text =
      'The anchor said the bridge closed for repairs on Monday and\nthe detour | map was posted later that evening.\n';
    expect(excerpts(text)).toEqual([text.trim()]);
  });

  it('does not cut a sentence where the segmenter reads a new chunk', () => {
    const text = Array.from(
      { length: 400 },
      (_, i) => `Sentence number ${i} says the bridge closed on Monday.`,
    ).join(' ');
    for (const excerpt of excerpts(text))
      expect(excerpt).toMatch(/^Sentence number \d+ says the bridge closed on Monday\.$/);
  });

  it('takes the first sentence of an article without a heading as its first line', () => {
    const text = 'Rain fell all night. The city closed the harbor bridge on Monday for emergency repairs.\n';
    expect(splitArticle(text, rules).firstLine).toBe('Rain fell all night.');
  });

  it('cuts a run of words apart by several spaces without keeping a space at a cut', () => {
    const text = Array.from({ length: 600 }, (_, i) => `word${i}`).join(' \t');
    const spans = excerpts(text);
    expect(spans.length).toBeGreaterThan(1);
    for (const span of spans) expect(span).toBe(span.trim());
  });

  it('cuts a sentence without punctuation at word breaks', () => {
    const words = Array.from({ length: 3000 }, (_, i) => `word${i % 500}`);
    const text = `# Long\n\n${words.join(' ')}\n`;
    const spans = splitArticle(text, rules).passages.map((p) => text.slice(p.start, p.end));
    expect(spans.length).toBeGreaterThan(1);
    expect(spans.join(' ')).toBe(words.join(' '));
    for (const span of spans) {
      expect(span.length).toBeLessThanOrEqual(1000);
      expect(span).toMatch(/^word\d+( word\d+)*$/);
    }
  });
});

describe('splitArticle on any text (property)', () => {
  const line = fc.oneof(
    fc.constantFrom(
      '',
      '---',
      '===',
      '* * *',
      '# A heading',
      'Measure | Value',
      '--- | ---',
      '| Row | 25,000 |',
      '- a bullet item with several words in it',
      'title: "Front matter"',
      '> Published: 2026-06-26',
      'Also read: something else entirely',
    ),
    fc.string({ maxLength: 120 }),
    fc.string({ unit: 'grapheme', maxLength: 80 }),
    fc
      .array(fc.constantFrom('word', 'Alibaba', '28.8', 'million.', 'U.S.', 'Sen.', '—', '|', '\t'), {
        maxLength: 400,
      })
      .map((words) => words.join(' ')),
    // Longer than the segmenter reads at once, with no sentence end.
    fc.integer({ min: 2000, max: 3000 }).map((n) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ')),
  );
  const article = fc.array(line, { maxLength: 30 }).map((lines) => lines.join('\n'));
  const wordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

  it('gives ordered, trimmed spans inside the text that never cut a word', () => {
    fc.assert(
      fc.property(article, (text) => {
        let end = 0;
        for (const p of splitArticle(text, rules).passages) {
          expect(p.start).toBeGreaterThanOrEqual(end);
          expect(p.end).toBeGreaterThan(p.start);
          expect(p.end).toBeLessThanOrEqual(text.length);
          const span = text.slice(p.start, p.end);
          expect(span).toBe(span.trim());
          expect(wordChar(text[p.start - 1]) && wordChar(text[p.start])).toBe(false);
          expect(wordChar(text[p.end - 1]) && wordChar(text[p.end])).toBe(false);
          end = p.end;
        }
      }),
      { numRuns: 300 },
    );
  });
});
