import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import { loadFacts } from '../../src/facts.js';
import { type FactsIndex, SearchIndex } from '../../src/search/facts-index.js';
import { withFacts } from '../helpers/corpus.js';
import { DISAGREEING_QUESTION, disagreeingIndex } from '../helpers/disagreeing-corpus.js';
import { expectVerbatim } from '../helpers/verbatim.js';

let index: FactsIndex;
beforeAll(async () => {
  index = await loadFacts('seeds');
});

describe('ask', () => {
  it('answers with verbatim excerpts, each cited', () => {
    const result = index.ask('How many fake accounts were used?');
    expect(result.answers.length).toBeGreaterThan(0);
    for (const answer of result.answers) {
      expectVerbatim(answer);
      expect(answer.corpusVersion).toBe(index.version);
      expect(answer.location.paragraph).toBeGreaterThan(0);
    }
    expect(result.answers[0]?.excerpt).toMatch(/25,000/);
  });

  it('answers a question typed with contractions as one typed without', () => {
    const result = index.ask("I'm curious, how many fake accounts were used? I don't know.");
    expect(result.answers[0]?.excerpt).toBe(
      index.ask('How many fake accounts were used?').answers[0]?.excerpt,
    );
  });

  it('keeps a superlative that says again what "how big" asks', () => {
    expect(index.ask('How big was the biggest distillation attack?').answers[0]?.excerpt).toMatch(
      /largest known distillation attack/,
    );
  });

  it('answers "what is this about?" with each article’s opening sentence, in corpus order', () => {
    const first = index.ask('What is this about?', { k: 3 });
    const rest = index.ask('What is this about?', { k: 3, offset: 3 });
    expect(first.hasMore).toBe(true);
    expect(rest.hasMore).toBe(false);
    const answers = [...first.answers, ...rest.answers];
    expect(answers.map((a) => a.source.id)).toEqual(index.sources().map((s) => s.id));
    for (const answer of answers) {
      expectVerbatim(answer);
      expect(answer.location.paragraph).toBe(1);
    }
    expect(answers[1]?.excerpt).toBe(
      'Anthropic, the US company that makes the Claude AI chatbot, has accused China’s Alibaba of a huge case of AI model theft.',
    );
    const one = index.ask('tl;dr', { source: '003_8d929b56c70e0842' });
    expect(one.answers.map((a) => a.source.id)).toEqual(['003_8d929b56c70e0842']);
    // Offered like any suggestion the corpus answers.
    expect(index.suggest('what is this story')).toContain('What is this story about?');
    expect(index.warnings).toEqual([]);
  });

  it('takes an article’s lead: its first sentence that shares a word with the title', async () => {
    await withFacts(
      {
        'a.md':
          '# Acme recalls kettles over fire risk\n\n"We have never seen anything like it," one shopper said.\n\n' +
          'Acme said on Monday it would take back 3,000 appliances. ' +
          'The recall covers every kettle sold since 2024 because of the fire risk.\n',
      },
      async (facts) => {
        const { answers } = facts.ask('tl;dr');
        expect(answers.map((a) => a.excerpt)).toEqual([
          'Acme said on Monday it would take back 3,000 appliances.',
        ]);
        for (const answer of answers) expectVerbatim(answer);
      },
    );
  });

  it('refuses an off-topic question, with suggestions the corpus answers', () => {
    const result = index.ask('What is the capital of France?');
    expect(result.answers).toEqual([]);
    expect(result.suggestions.length).toBeGreaterThan(0);
    for (const suggestion of result.suggestions)
      expect(index.ask(suggestion).answers.length).toBeGreaterThan(0);
  });

  it('suggests, for a question refused of one source, only questions that source answers', () => {
    for (const { id } of index.sources()) {
      const { suggestions } = index.ask('What is the capital of France?', { source: id });
      expect(suggestions.length, id).toBeGreaterThan(0);
      for (const suggestion of suggestions)
        expect(index.ask(suggestion, { source: id }).answers.length, `${id}: ${suggestion}`).toBeGreaterThan(
          0,
        );
    }
  });

  it('reads past mentions and markdown in a question', () => {
    const plain = index.ask('How many fake accounts were used?');
    for (const noisy of [
      '@everyone how many fake accounts were used?',
      '<!channel> <@U123> How many **fake** accounts were used?',
      '<@U04ABCDEF|bob> <#C024BE7LR> How many fake accounts were used? :thinking_face: :+1:',
      '<@123456789012345678> <@&987654321> How many fake accounts were used? <:pepe:1234567890> <t:1781000000:R>',
      'How many fake accounts were used? <https://www.cnbc.com/2026/06/10/story.html|cnbc.com>',
      'How many fake accounts were used? https://www.cnbc.com/2026/06/10/story.html',
      'How many fake accounts were [used](https://example.com/2026/06/10)?',
    ]) {
      expect(index.ask(noisy).answers.map((a) => a.excerpt)).toEqual(plain.answers.map((a) => a.excerpt));
    }
  });

  it.each(['How many fake accounts did Google use?', 'What did OpenAI say about the letter?'])(
    'refuses a question about a name the sources never mention: %s',
    (question) => {
      expect(index.ask(question).answers).toEqual([]);
    },
  );

  it.each(['', '   ', '???', 'the of and'])('refuses a question with no content: %j', (question) => {
    expect(index.ask(question).answers).toEqual([]);
  });

  it('lists other sources stating the same fact once, as corroboration', () => {
    const result = index.ask('How many fake accounts were used?', { k: 10 });
    const corroborated = result.answers.find((a) => a.corroboratedBy.length > 0);
    expect(corroborated).toBeDefined();
    for (const c of corroborated?.corroboratedBy ?? []) expect(c.id).not.toBe(corroborated?.source.id);
    const excerpts = result.answers.map((a) => a.excerpt);
    expect(new Set(excerpts).size).toBe(excerpts.length);
  });

  it('marks figures that sources give differently', async () => {
    const { index: disagreeing, cleanup } = await disagreeingIndex();
    try {
      const result = disagreeing.ask(DISAGREEING_QUESTION);
      expect(result.disagreement?.kind).toBe('number');
      expect(result.disagreement?.values.map((v) => v.value).sort()).toEqual(['25000', '30000']);
      for (const v of result.disagreement?.values ?? []) {
        for (const i of v.answers) expect(result.answers[i]?.figure?.text).toBe(v.text);
      }
    } finally {
      await cleanup();
    }
  });

  it.each([
    [
      'When did the river peak?',
      'Officials said that the river peaked on March 3.',
      'Officials said that the river peaked on March 5.',
      'date',
    ],
    [
      'How many residents were evacuated?',
      'The number of residents evacuated was 12,000.',
      'The number of residents evacuated was 15,000.',
      'number',
    ],
  ])('marks a figure that ends its clause, given differently: %s', async (question, one, other, kind) => {
    await withFacts({ 'a.md': `# Report one\n\n${one}\n`, 'b.md': `# Report two\n\n${other}\n` }, (facts) => {
      const result = facts.ask(question);
      expect(result.answers).toHaveLength(2);
      expect(result.disagreement?.kind).toBe(kind);
      expect(result.disagreement?.values).toHaveLength(2);
    });
  });

  it.each([
    [
      'When was the bridge closed?',
      'The bridge was closed on March 3.',
      'The bridge, which opened on May 1, 1990, was closed for repairs.',
    ],
    [
      'When was the letter sent?',
      'Anthropic sent the letter on June 10 to two senators.',
      'CNBC first reported the letter on June 12 after it was sent to the committee.',
    ],
  ])('does not set dates of different events against each other: %s', async (question, one, other) => {
    await withFacts({ 'a.md': `# Report one\n\n${one}\n`, 'b.md': `# Report two\n\n${other}\n` }, (facts) => {
      const result = facts.ask(question);
      expect(result.answers).toHaveLength(2);
      expect(result.disagreement).toBeNull();
    });
  });

  it('does not set a figure that says what it counts against one that ends its clause', async () => {
    await withFacts(
      {
        'a.md': '# Report one\n\nThe number of residents evacuated was 12,000.\n',
        'b.md': '# Report two\n\nThe number of residents evacuated reached 15,000 households by noon.\n',
      },
      (facts) => expect(facts.ask('How many residents were evacuated?').disagreement).toBeNull(),
    );
  });

  it('does not repeat a source for a figure an earlier answer already gives', () => {
    const { answers } = index.ask('How many fake accounts?', { k: 10 });
    answers.forEach((later, j) => {
      for (const earlier of answers.slice(0, j)) {
        if (!earlier.figure || later.figure?.value !== earlier.figure.value) continue;
        const cited = [earlier.source.id, ...earlier.corroboratedBy.map((c) => c.id)];
        expect(cited).not.toContain(later.source.id);
      }
    });
  });

  it('does not call two facts of one source a disagreement', () => {
    // One article gives 25,000 accounts for this campaign and 24,000 for an earlier one.
    const result = index.ask('How many fake accounts were used?', { k: 5 });
    const figures = result.answers.map((a) => a.figure?.value);
    expect(figures).toEqual(expect.arrayContaining(['25000', '24000']));
    expect(result.disagreement).toBeNull();
  });

  it('reads "what dates" and "what number" as asking for a date or a figure, not for the word', () => {
    expect(index.ask('What were the dates of the campaign?').answers[0]?.excerpt).toContain('April 22');
    const total = index.ask('What was the total number of exchanges?').answers;
    expect(total.some((a) => /28\.8 million/.test(a.figure?.text ?? ''))).toBe(true);
    expect(index.ask('What is the total number of employees at Anthropic?').answers).toEqual([]);
  });

  it('shows a figure once however the sources word it, a sentence before a table row', () => {
    const result = index.ask('How many fake accounts were used?');
    const same = result.answers.filter((a) => a.figure?.value === '25000');
    expect(same).toHaveLength(1);
    expect(same[0]?.excerpt).not.toMatch(/^\|/);
    expect(same[0]?.corroboratedBy.length).toBeGreaterThanOrEqual(3);
  });

  it('answers "when" only with passages that give a date, once one does', () => {
    const result = index.ask('When was the letter sent?');
    expect(result.answers[0]?.figure?.text).toBe('June 10, 2026');
    for (const answer of result.answers) {
      expect(
        answer.figure !== null || /^\d{4}-\d\d/.test(answer.location.section ?? ''),
        answer.excerpt,
      ).toBe(true);
    }
  });

  it('answers an FAQ question with the paragraph under it, not with the question', () => {
    const result = index.ask('How did the accounts get past the China block?');
    expect(result.answers[0]?.excerpt).toBe(
      'Anthropic says the operators used about 25,000 fake accounts and proxy services.',
    );
    expect(result.answers[0]?.location.section).toBe('FAQ');
  });

  it('folds neither a passage without the figure nor a differently worded sentence into a figure', async () => {
    await withFacts(
      {
        'a.md':
          '# Report A\n\n| Item | Figure |\n|---|---|\n| Fake accounts used | 25,000 |\n\n' +
          'The measure of fake accounts used has no value yet in this report.\n',
        'b.md': '# Report B\n\nReddit moderators banned 25,000 fake accounts last week on the forum.\n',
        'c.md':
          '# Report C\n\nOperators linked to the lab used nearly 25,000 fraudulent accounts in the campaign.\n',
      },
      async (facts) => {
        const withRow = facts.ask('How many fake accounts were used?', { k: 5, source: 'a' });
        expect(withRow.answers.map((a) => a.excerpt)).toEqual(['| Fake accounts used | 25,000 |']);
        const sentences = facts.ask('How many fake accounts were banned or used in the campaign?', { k: 5 });
        const lead = (id: string) => sentences.answers.find((a) => a.source.id === id);
        expect(lead('b')?.corroboratedBy.map((c) => c.id)).not.toContain('c');
        expect(lead('c')?.corroboratedBy.map((c) => c.id)).not.toContain('b');
      },
    );
  });

  it('does not answer with a figure the question states itself, unless it is the cell of a table row', () => {
    const result = index.ask('How many interactions did the three firms make?');
    expect(result.answers[0]?.excerpt).toContain('16 million');
    expect(result.answers[0]?.figure?.text).toBe('16 million');
    for (const answer of result.answers) expect(answer.figure?.value).not.toBe('3');
    expect(index.ask('When in June 2026 was the letter sent?').answers[0]?.figure?.text).toBe(
      'June 10, 2026',
    );
    expect(index.ask('How many accounts did DeepSeek use, 150,000?').answers[0]?.figure?.text).toBe(
      '150,000+',
    );
    for (const answer of index.ask('How many accounts did the three labs create?').answers) {
      expect(answer.figure?.value, answer.excerpt).not.toBe('3');
    }
  });

  it('reads a date without a year as more precise than the month the question gives', async () => {
    await withFacts(
      {
        'a.md':
          '# Letter\n\nOn June 10, the company sent a letter about a campaign that began on April 22.\n',
      },
      async (facts) => {
        const result = facts.ask('When in June 2026 was the letter sent?');
        expect(result.answers[0]?.figure?.text).toBe('June 10');
      },
    );
  });

  it('does not ask a passage for the "will" of a question about the future', async () => {
    await withFacts(
      {
        'a.md':
          '# Lanes\n\nThe chief engineer will retire in January.\n\nThe rest of the lanes follow by 2027.\n',
      },
      async (facts) => {
        const [first] = facts.ask('When will the rest be done?').answers;
        expect(first?.excerpt).toBe('The rest of the lanes follow by 2027.');
      },
    );
  });

  it('reads "how fast" as asking for a measure, which a passage gives in its units', async () => {
    await withFacts(
      {
        'a.md':
          '# Storm\n\nWind gusts reached 70 mph, toppling trees.\n\nThe wind was fast enough to close the bridge.\n\nFast crews restored power.\n',
      },
      async (facts) => {
        expect(facts.ask('How fast was the wind?').answers[0]?.figure?.text).toBe('70');
        // Elsewhere in a question the word is asked about.
        expect(facts.ask('Were the crews fast?').answers[0]?.excerpt).toBe('Fast crews restored power.');
        // Nothing gives an age: another figure about the wind is no answer.
        expect(facts.ask('How old was the wind?').answers).toEqual([]);
      },
    );
  });

  it('does not ask a passage for the "last" of "how long did it last?"', async () => {
    await withFacts(
      { 'a.md': '# Storm\n\nThe outage went on for about two days, the utility said.\n' },
      async (facts) => {
        expect(facts.ask('How long did it last?').answers[0]?.figure?.text).toBe('about two');
      },
    );
  });

  it('answers "why" with a passage that gives a cause over one that only shares the words', async () => {
    await withFacts(
      {
        'a.md':
          '# Storm\n\nHomes lost power on Thursday night.\n\nIt is unclear why homes lost power.\n\n' +
          'Homes lost power because falling trees broke the lines.\n',
      },
      async (facts) => {
        const [first] = facts.ask('Why did the homes lose power?').answers;
        expect(first?.excerpt).toBe('Homes lost power because falling trees broke the lines.');
        const [reason] = facts.ask("What's the reason the homes lost power?").answers;
        expect(reason?.excerpt).toBe('Homes lost power because falling trees broke the lines.');
      },
    );
  });

  it('ranks a passage in the question’s own words above one that has only its synonyms', async () => {
    await withFacts(
      {
        'a.md': '# Recall\n\nAcme has not replied.\n\nAcme has denied any wrongdoing in the recall.\n',
        'synonyms.txt': 'comment, reply, replied, denied\n',
      },
      async (facts) => {
        const { answers } = facts.ask('Has Acme denied it?');
        expect(answers.map((a) => a.excerpt)).toEqual([
          'Acme has denied any wrongdoing in the recall.',
          'Acme has not replied.',
        ]);
      },
    );
  });

  it('reads the synonyms file as it reads passages: "U.S." is the country, "us" the pronoun', async () => {
    await withFacts(
      {
        'a.md': '# Trade\n\nAmerica imposed new tariffs on steel.\n\nThey told us the talks would resume.\n',
        'synonyms.txt': 'US, U.S., America\n',
      },
      async (facts) => {
        expect(facts.ask('Did the U.S. impose tariffs?').answers[0]?.excerpt).toBe(
          'America imposed new tariffs on steel.',
        );
        expect(facts.ask('What did they tell us about the talks?').answers.map((a) => a.excerpt)).toEqual([
          'They told us the talks would resume.',
        ]);
      },
    );
  });

  it('answers from a corpus where the question’s words are in hundreds of passages', async () => {
    const shipments = Array.from({ length: 400 }, (_, i) => `Widget shipment ${i + 1} reached the port.`);
    await withFacts(
      {
        'a.md': `# Widgets\n\n## Widget shipments\n\n${shipments.join('\n\n')}\n\nThe widget recall began on March 3.\n`,
      },
      async (facts) => {
        const recall = facts.ask('When did the widget recall begin?');
        expect(recall.answers[0]?.excerpt).toBe('The widget recall began on March 3.');
        for (const answer of recall.answers) expectVerbatim(answer);
        const port = facts.ask('Which widget shipment reached the port?');
        expect(port.answers[0]?.excerpt).toMatch(/^Widget shipment \d+ reached the port\.$/);
        for (const answer of port.answers) expectVerbatim(answer);
      },
    );
  });

  it('shows each figure once for the same thing, however the sources word it', () => {
    for (const question of ['How many fake accounts were used?', 'How many bogus accounts did they use']) {
      const values = index.ask(question).answers.map((a) => a.figure?.value);
      expect(new Set(values).size, question).toBe(values.length);
    }
  });

  it('does not set figures of different things against each other', () => {
    const result = index.ask('How many exchanges with Claude were there?');
    expect(result.answers[0]?.figure?.value).toBe('28800000');
    expect(result.disagreement).toBeNull();
  });

  it('pages through answers without repeating one', () => {
    const seen: string[] = [];
    let offset = 0;
    for (;;) {
      const page = index.ask('What did Anthropic say about distillation?', { k: 2, offset });
      seen.push(...page.answers.map((a) => `${a.source.id}:${a.location.start}`));
      if (!page.hasMore) break;
      offset += 2;
    }
    expect(seen.length).toBeGreaterThan(2);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('answers from one source when asked to', () => {
    const result = index.ask('How many fake accounts were used?', { source: '003_8d929b56c70e0842', k: 5 });
    expect(result.answers.length).toBeGreaterThan(0);
    for (const answer of result.answers) expect(answer.source.id).toBe('003_8d929b56c70e0842');
  });

  it('links to the passage when the source has a URL', () => {
    const answer = index
      .ask('When was the letter sent to Tim Scott and Elizabeth Warren?', { k: 5 })
      .answers.find((a) => a.source.url !== null);
    expect(answer?.link).toMatch(/^https:\/\/startupfortune\.com\/.*#:~:text=/);
  });

  it('never returns boilerplate lines', () => {
    const result = index.ask('Also read California dashboard jobs', { k: 10 });
    for (const answer of result.answers) expect(answer.excerpt).not.toMatch(/Also read|dashboard/);
  });
});

describe('findSources', () => {
  it('finds the passages supporting a message', () => {
    const result = index.findSources(
      'Anthropic says Alibaba used nearly 25,000 fake accounts to generate 28.8 million chats with Claude.',
    );
    expect(result.supporting.length).toBeGreaterThan(0);
    result.supporting.forEach(expectVerbatim);
    expect(result.nearest).toEqual([]);
  });

  it('counts the sentences it checked as claims: none in a link, a mention, an emoji or a bare name', () => {
    for (const text of [
      'https://startupfortune.com/alibabas-theft-of-288-million-claude-exchanges/',
      'Is this true? https://example.com/story',
      '<@123456789012345678> lol 👍',
      'Alibaba did it.',
    ]) {
      const result = index.findSources(text);
      expect(result, text).toMatchObject({ claims: 0, supporting: [], unsupported: [], nearest: [] });
    }
    const two = index.findSources('Hi all! Alibaba used 25,000 fake accounts. The moon is made of cheese.');
    expect(two.claims).toBe(2);
    expect(two.unsupported).toEqual(['The moon is made of cheese.']);
  });

  it('shows each backed claim’s best passage, in the message’s order, each saying which claims it backs', () => {
    const claims = [
      'The operators used commercial proxy services.',
      'Elon Musk praised Anthropic.',
      'Alibaba used 25,000 fraudulent accounts.',
      'Anthropic told U.S. senators that Alibaba ran the largest known distillation attack.',
    ];
    const result = index.findSources(claims.join(' '));
    result.supporting.forEach(expectVerbatim);
    expect(result.unsupported).toEqual(['Elon Musk praised Anthropic.']);
    const backed = [claims[0], claims[2], claims[3]];
    // The first passages are, in order, the best one for each backed claim.
    expect(result.supporting.slice(0, 3).map((s) => s.claims[0])).toEqual(backed);
    for (const support of result.supporting) {
      expect(support.claims.length).toBeGreaterThan(0);
      for (const claim of support.claims) expect(backed).toContain(claim);
    }
  });

  it('reads a line ending in a colon as introducing what follows, not as a claim', () => {
    const result = index.findSources(
      'Summary of the Claude story:\n1. Alibaba used 25,000 fraudulent accounts.',
    );
    expect(result.claims).toBe(1);
    expect(result.unsupported).toEqual([]);
    expect(result.supporting[0]?.claims).toEqual(['Alibaba used 25,000 fraudulent accounts.']);
    // An emoji at the end is no colon.
    expect(index.findSources('Alibaba used 25,000 fraudulent accounts :eyes:').supporting).not.toEqual([]);
    // The items of a list a denial introduces are not claims of the message.
    expect(
      index.findSources('Anthropic never said:\n- Alibaba used 25,000 fraudulent accounts.').claims,
    ).toBe(0);
    // A list the intro does not deny is read; a link or a mention after a colon is no introduction.
    expect(
      index.findSources('Key facts, none disputed:\n- Alibaba opened 25,000 fraudulent accounts').supporting,
    ).not.toEqual([]);
    expect(
      index.findSources('Alibaba used 25,000 fraudulent accounts: https://example.com/story').supporting,
    ).not.toEqual([]);
  });

  it('reads a sentence said twice as one claim, and counts backed sentences past the passages shown', () => {
    const twice = index.findSources(
      'Alibaba used 25,000 fraudulent accounts. Alibaba used 25,000 fraudulent accounts.\nAlibaba used 25,000 fraudulent accounts',
    );
    expect(twice.claims).toBe(1);
    for (const support of twice.supporting)
      expect(support.claims).toEqual(['Alibaba used 25,000 fraudulent accounts.']);

    const many = [
      'Alibaba used 25,000 fraudulent accounts.',
      'The operators used commercial proxy services.',
      'Anthropic told U.S. senators that Alibaba ran the largest known distillation attack.',
      'Elon Musk accused Anthropic of stealing data.',
      'The US Commerce Department has put limits on Anthropic’s models.',
      'Alibaba generated 28.8 million exchanges with Claude.',
      'The campaign ran from April 22 to June 5, 2026.',
      'The letter went to Tim Scott.',
      'Anthropic sent its letter on June 10, 2026.',
      'Alibaba declined to comment.',
      'Hugging Face CEO Clement Delangue has called distillation a very common practice.',
      'Alibaba has not replied to requests for comment.',
    ];
    const result = index.findSources(many.join('\n'));
    const shown = new Set(result.supporting.flatMap((s) => s.claims));
    const backed = many.filter((c) => index.findSources(c).supporting.length > 0);
    expect(result.supporting.length).toBeLessThanOrEqual(10);
    expect(result.moreBacked).toBe(backed.filter((c) => !shown.has(c)).length);
    expect(shown.size + result.moreBacked).toBe(backed.length);
  });

  it('reads each line of a message as its own claims, as in a list without full stops', () => {
    const result = index.findSources(
      'Key facts\nAlibaba used 25,000 fake accounts\n- The campaign ran from April 22 to June 5, 2026\n' +
        '- The letter went to Tim Scott\n- Alibaba was fined 50 million dollars by the EU',
    );
    expect(result.claims).toBe(5);
    // Quoted without their list markers.
    expect(result.unsupported).toEqual(['Key facts', 'Alibaba was fined 50 million dollars by the EU']);
    result.supporting.forEach(expectVerbatim);
    expect(result.truncated).toBe(false);
  });

  it('keeps lines apart when the first says what it denies, as in a list without full stops', () => {
    const result = index.findSources(
      'Reports do not show a formal public rebuttal\nThere is a public court filing against Alibaba',
    );
    expect(result.claims).toBe(2);
    expect(result.unsupported).toEqual(['There is a public court filing against Alibaba']);
    expect(
      index.findSources('Anthropic says the concern is not just theft of ideas.').supporting,
    ).not.toEqual([]);
    // An ellipsis that trails off no denial ends its sentence.
    const twoClaims =
      'Anthropic sent a letter to the Senate Banking Committee... Alibaba opened 25,000 fraudulent accounts.';
    expect(index.findSources(twoClaims).claims).toBe(2);
  });

  it('reads a sentence that runs on over a line break as one claim, so a wrapped denial stays a denial', () => {
    for (const wrapped of [
      'Alibaba did not\nuse fake accounts to generate exchanges with Claude.',
      'It is false that\nAlibaba used 25,000 fake accounts.',
      'Nobody says\nAlibaba used 25,000 fraudulent accounts.',
      'Alibaba didn’t\nUse 25,000 fraudulent accounts.',
      'Alibaba did not...\nuse 25,000 fraudulent accounts.',
    ]) {
      const result = index.findSources(wrapped);
      expect(result.claims, wrapped).toBe(1);
      expect(result.supporting, wrapped).toEqual([]);
      expect(index.findSources(wrapped.replace('\n', ' ')).supporting).toEqual([]);
    }
    const claim = 'Alibaba used 25,000 fraudulent\naccounts to generate exchanges with Claude.';
    expect(index.findSources(claim).supporting[0]?.claims).toEqual([claim.replace('\n', ' ')]);
  });

  it('checks the first 4000 characters of a long message, and says the rest was not', () => {
    const long = `${'Anthropic sent the letter to the Senate Banking Committee. '.repeat(70)}Alibaba was fined 50 million dollars by the EU.`;
    const result = index.findSources(long);
    expect(result.truncated).toBe(true);
    expect(result.unsupported).toEqual([]);
    expect(result.supporting.length).toBeGreaterThan(0);
  });

  it('does not back a claim with a word no passage states with the rest of it', () => {
    for (const claim of [
      'Elon Musk praised Anthropic.',
      'Alibaba’s stock rose more than three percent.',
      'The US Commerce Department put limits on Alibaba’s most advanced models.',
      'Alibaba used 24,600 fake accounts.',
      'Reports say the operators used proxy services.',
    ]) {
      const result = index.findSources(claim);
      expect(result.supporting, claim).toEqual([]);
      expect(result.nearest.length, claim).toBeGreaterThan(0);
      result.nearest.forEach(expectVerbatim);
    }
    expect(index.findSources('Elon Musk accused Anthropic of stealing data.').supporting).not.toEqual([]);
  });

  it('does not back a claim whose figure, date or name the passage lacks', () => {
    expect(index.findSources('Anthropic sent its letter on June 10, 2026.').supporting).not.toEqual([]);
    expect(index.findSources('Anthropic sent its letter on 10 June 2026.').supporting).not.toEqual([]);
    for (const claim of [
      'DeepSeek made 28.8 million exchanges with Claude.',
      'Anthropic says Alibaba used 50,000 fake accounts.',
      'Anthropic sent its letter on June 12, 2026.',
    ]) {
      expect(index.findSources(claim).supporting).toEqual([]);
    }
  });

  it('backs a claim that opens with a capitalised common word, not one naming what its passages do not', () => {
    for (const claim of [
      'Operators used commercial proxy services.',
      'Anthropic says Alibaba used 25,000 fake accounts.',
    ]) {
      const result = index.findSources(claim);
      expect(result.supporting.length, claim).toBeGreaterThan(0);
      result.supporting.forEach(expectVerbatim);
    }
    for (const claim of [
      'Google used 25,000 fake accounts.',
      'India used 25,000 fake accounts.',
      'Officials say DeepSeek made 28.8 million exchanges.',
    ]) {
      expect(index.findSources(claim).supporting, claim).toEqual([]);
    }
  });

  it('reads a name written as an acronym as the passages write it', () => {
    for (const claim of [
      'The US Commerce Department has put limits on Anthropic’s models.',
      'Anthropic told U.S. senators that Alibaba ran the largest known distillation attack.',
    ]) {
      const result = index.findSources(claim);
      expect(result.supporting.length, claim).toBeGreaterThan(0);
      result.supporting.forEach(expectVerbatim);
    }
    expect(
      index.findSources('The UK Commerce Department has put limits on Anthropic’s models.').supporting,
    ).toEqual([]);
  });

  it('reads a capitalised acronym that opens a claim as the name, not the lower-case word', async () => {
    await withFacts(
      { 'a.md': '# Fines\n\nEU regulators fined Alibaba on Monday.\n\nThey told us more would follow.\n' },
      async (facts) => {
        expect(facts.findSources('EU regulators fined Alibaba.').supporting.length).toBeGreaterThan(0);
        expect(facts.findSources('US regulators fined Alibaba.').supporting).toEqual([]);
      },
    );
  });

  it('reads a question as the claim it asks about: a denial asked is still a denial', () => {
    expect(index.findSources('Did Alibaba use 25,000 fraudulent accounts?').supporting).not.toEqual([]);
    for (const question of [
      "Didn't Alibaba use about 25,000 fake accounts?",
      'Alibaba did not use 25,000 fraudulent accounts?',
      'Alibaba never used 25,000 fraudulent accounts\nor did it?',
    ]) {
      expect(index.findSources(question).supporting, question).toEqual([]);
    }
  });

  it('does not back a claim with a passage that denies it, nor a denial with a passage that asserts it', () => {
    for (const claim of [
      'Anthropic did not accuse Alibaba of distillation.',
      "Anthropic didn't accuse Alibaba of distillation.",
      'Anthropic never accused Alibaba of distillation.',
      'Alibaba has issued a detailed technical denial.',
      'Rate limits, account checks, and abuse monitoring are optional.',
      // An interjection or an aside is no denial; a negation near the word is not its denial.
      'Not surprisingly, Alibaba replied to requests for comment.',
      'Anthropic has never flagged such activity.',
      'There were no requests for comment to Alibaba.',
    ]) {
      expect(index.findSources(claim).supporting, claim).toEqual([]);
    }
    // True claims whose passage has a denial elsewhere, or the claim's denial after a parenthesis.
    for (const claim of [
      'Alibaba has not issued a detailed technical denial.',
      'Distillation is legitimate and widely used.',
      'Distillation involves querying a model at scale and training a smaller model on its answers.',
    ]) {
      expect(index.findSources(claim).supporting.length, claim).toBeGreaterThan(0);
    }
    const denial = 'As of the reports, Alibaba had not replied to requests for comment.';
    const excerpts = (claim: string) => index.findSources(claim).supporting.map((a) => a.excerpt);
    expect(excerpts('Alibaba replied to requests for comment.')).not.toContain(denial);
    expect(excerpts('No, Alibaba replied to requests for comment.')).not.toContain(denial);
    expect(excerpts('Alibaba had not replied to requests for comment.')).toContain(denial);
    expect(excerpts('Anthropic accused Alibaba of distillation.').length).toBeGreaterThan(0);
  });

  it('reads a message past its mentions, links and emoji, whose digits are not figures', () => {
    const claim = 'Alibaba used 25,000 fraudulent accounts to generate exchanges with Claude.';
    const plain = index.findSources(claim).supporting.map((a) => a.excerpt);
    expect(plain.length).toBeGreaterThan(0);
    for (const noisy of [
      `<@U04ABCDEF> ${claim}`,
      `<@123456789012345678> ${claim} :+1:`,
      `${claim} <https://www.cnbc.com/2026/06/10/story.html>`,
      `${claim} https://www.cnbc.com/2026/06/10/story.html`,
      `<t:1781000000:R> ${claim} <:pepe:1234567890>`,
    ]) {
      expect(
        index.findSources(noisy).supporting.map((a) => a.excerpt),
        noisy,
      ).toEqual(plain);
    }
  });

  it('names the sentences of a message that nothing supports', () => {
    const result = index.findSources(
      'Anthropic says Alibaba used about 25,000 fake accounts. Also, the moon is made of green cheese.',
    );
    expect(result.supporting.length).toBeGreaterThan(0);
    expect(result.unsupported).toEqual(['Also, the moon is made of green cheese.']);
  });

  it('quotes back a sentence nothing supports as the user wrote it, markup and all', () => {
    const written =
      "Per <https://www.cnbc.com/x|CNBC>, Alibaba's **Qwen_3** lab used 50,000 fake accounts at 10:30am:ish.";
    const result = index.findSources(`Anthropic says Alibaba used about 25,000 fake accounts. ${written}`);
    expect(result.supporting.length).toBeGreaterThan(0);
    expect(result.unsupported).toEqual([written]);
  });

  it('quotes a sentence nothing supports with its own emphasis marks, not its neighbour’s', () => {
    for (const [message, written] of [
      [
        '**Anthropic says Alibaba used about 25,000 fake accounts.** The moon is made of green cheese.',
        'The moon is made of green cheese.',
      ],
      [
        '_The moon is made of green cheese, experts say._ Anthropic says Alibaba used about 25,000 fake accounts.',
        '_The moon is made of green cheese, experts say._',
      ],
    ] as const) {
      const result = index.findSources(message);
      expect(result.supporting.length, message).toBeGreaterThan(0);
      expect(result.unsupported, message).toEqual([written]);
    }
  });

  it('says nothing supports an unrelated message, with the nearest passages apart', () => {
    const result = index.findSources('The recipe needs two cups of flour and a pinch of salt.');
    expect(result.supporting).toEqual([]);
    result.nearest.forEach(expectVerbatim);
  });
});

describe('suggest', () => {
  it('offers at most 25 completions of at most 100 characters', () => {
    for (const prefix of ['', 'how many', 'fa', 'distil', 'x'.repeat(300), '@everyone']) {
      const choices = index.suggest(prefix);
      expect(choices.length).toBeLessThanOrEqual(25);
      for (const choice of choices) expect(choice.length).toBeLessThanOrEqual(100);
    }
  });

  it('completes the word being typed from the corpus', () => {
    expect(index.suggest('how many fak')).toContain('how many fake');
  });

  it('offers what was typed first, unless it is too long for a choice: cut short, it would be another question', () => {
    const short = 'How many fake accounts were used?';
    expect(index.suggest(short)[0]).toBe(short);
    const long =
      'What did Anthropic tell the Senate Banking Committee about the distillation campaign and the fraudulent accounts used?';
    expect(long.length).toBeGreaterThan(100);
    const choices = index.suggest(long);
    expect(choices.some((c) => long.startsWith(c))).toBe(false);
    for (const choice of choices) expect(choice.length).toBeLessThanOrEqual(100);
  });
});

describe('sources', () => {
  it('lists every article with its passage count', () => {
    const sources = index.sources();
    expect(sources).toHaveLength(5);
    expect(sources.reduce((n, s) => n + s.passages, 0)).toBe(index.passageCount);
  });
});

describe('buildInSlices', () => {
  it('lets the event loop run while it builds, and builds the index that build does', async () => {
    const corpus = await loadCorpus('seeds');
    let turns = 0;
    let building = true;
    const turn = () => {
      turns++;
      if (building) setImmediate(turn);
    };
    setImmediate(turn);
    const sliced = await SearchIndex.buildInSlices(corpus, {}, 0);
    building = false;
    expect(turns).toBeGreaterThan(corpus.sources.length);

    const whole = SearchIndex.build(corpus);
    expect(sliced.warnings).toEqual(whole.warnings);
    expect(sliced.suggest('how')).toEqual(whole.suggest('how'));
    for (const question of ['How many fake accounts were used?', 'What is the capital of France?']) {
      expect(sliced.ask(question)).toEqual(whole.ask(question));
    }
  });
});
