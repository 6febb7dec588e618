import { symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CorpusError } from '../../src/corpus/errors.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { metadataSchema } from '../../src/corpus/metadata.js';
import { tempCorpus } from '../helpers/corpus.js';

const ARTICLE =
  '# A headline\n\n> Source: <https://example.com/story>\n> Published: 2026-06-26\n\nAnthropic wrote a letter to senators about fake accounts.\n';
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function problemsOf(files: Record<string, string | Uint8Array>) {
  const corpus = await tempCorpus(files);
  cleanup = corpus.cleanup;
  const error = await loadCorpus(corpus.dir).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CorpusError);
  return (error as CorpusError).problems;
}

describe('loadCorpus', () => {
  it('reads the bundled seeds with their metadata', async () => {
    const corpus = await loadCorpus('seeds');
    expect(corpus.sources).toHaveLength(5);
    expect(corpus.version).toMatch(/^[0-9a-f]{12}$/);
    const first = corpus.sources[0];
    expect(first).toMatchObject({
      id: '000_40f129f454e729a6',
      publisher: 'startupfortune.com',
      published: '2026-06-26',
      path: 'seeds/000_40f129f454e729a6.txt',
    });
    expect(first?.url).toMatch(/^https:\/\/startupfortune\.com\//);
  });

  it('falls back to what the text shows when there is no metadata file', async () => {
    const corpus = await tempCorpus({ 'story.md': ARTICLE });
    cleanup = corpus.cleanup;
    const [source] = (await loadCorpus(corpus.dir)).sources;
    expect(source).toMatchObject({
      id: 'story',
      title: 'A headline',
      url: 'https://example.com/story',
      published: '2026-06-26',
      publisher: null,
    });
  });

  it.each([
    ['FILE_EMPTY', { 'a.txt': '  \n' }],
    ['FILE_BINARY', { 'a.txt': new Uint8Array([0x41, 0x00, 0x42]) }],
    ['FILE_NOT_UTF8', { 'a.txt': new Uint8Array([0x41, 0xff, 0xfe, 0x42]) }],
    ['DUPLICATE_ID', { 'a.txt': ARTICLE, 'a.md': ARTICLE }],
    ['METADATA_INVALID', { 'a.txt': ARTICLE, 'sources.json': '{ not json' }],
    ['METADATA_INVALID', { 'a.txt': ARTICLE, 'sources.json': '{"sources": {"a.txt": {"url": "ftp://x"}}}' }],
    ['METADATA_INVALID', { 'a.txt': ARTICLE, 'sources.json': '{"boilerplate": ["("]}' }],
    ['SYNONYMS_INVALID', { 'a.txt': ARTICLE, 'synonyms.txt': 'fake\n' }],
    ['METADATA_INVALID', { 'a.txt': ARTICLE, 'sources.json': new Uint8Array([0x7b, 0xe9, 0x7d]) }],
    ['SYNONYMS_INVALID', { 'a.txt': ARTICLE, 'synonyms.txt': new Uint8Array([0x63, 0x61, 0x66, 0xe9]) }],
    ['FILE_BAD_DATE', { 'a.txt': ARTICLE.replace('2026-06-26', '2026-02-30') }],
    ['FILE_BAD_DATE', { 'a.txt': ARTICLE.replace('2026-06-26', '26/06/2026') }],
    ['FILE_BAD_DATE', { 'a.txt': ARTICLE.replace('2026-06-26', 'June 2026') }],
    [
      'FILE_BAD_DATE',
      {
        'a.md':
          '# A\nA subtitle about the letter to senators.\n> Published: 26/06/2026\n\nAnthropic wrote a letter.\n',
      },
    ],
    ['FILE_BAD_DATE', { 'a.md': `---\ntitle: A\ndate: yesterday\n---\n${ARTICLE}` }],
    ['FILE_NO_PASSAGES', { 'a.txt': '# Only a heading\n\n## And another\n' }],
  ])('reports %s and names the file', async (code, files) => {
    const problems = await problemsOf(files);
    expect(problems.map((p) => p.code)).toContain(code);
    for (const p of problems)
      expect(p.file).toMatch(/facts-corpus-.*(a\.(txt|md)|sources\.json|synonyms\.txt)/);
  });

  it('says that a metadata or synonyms file is not UTF-8, and accepts one with a byte order mark', async () => {
    const problems = await problemsOf({ 'a.txt': ARTICLE, 'synonyms.txt': new Uint8Array([0x63, 0xe9]) });
    expect(problems.map((p) => p.reason)).toEqual(['is not valid UTF-8 text']);
    const corpus = await tempCorpus({
      'a.txt': ARTICLE,
      'sources.json': '\uFEFF{"sources": {"a.txt": {"publisher": "Le Café"}}}',
      'synonyms.txt': '\uFEFFfake, bogus\n',
    });
    cleanup = corpus.cleanup;
    const loaded = await loadCorpus(corpus.dir);
    expect(loaded.sources[0]?.publisher).toBe('Le Café');
    expect(loaded.synonyms).toEqual([['fake', 'bogus']]);
  });

  it.each([
    ['> Published: 2026-06-26 11:00:31+00:00', '2026-06-26'],
    ['> Published: June 26, 2026', '2026-06-26'],
    ['> Date: Friday, 26 June 2026, 11:00 BST', '2026-06-26'],
    ['---\ndate: "Jun. 26, 2026"\n---', '2026-06-26'],
    ['---\npubdate: 2026-06-26T11:00:00Z\n---', '2026-06-26'],
    ['---\ntitle: >\n  A title folded\n  over two lines\ndate: 2026-06-26\n---', '2026-06-26'],
    ['---\ntitle: "A quoted title\n  on two lines"\ndate: "2026-06-26"\n---', '2026-06-26'],
  ])('reads the day of a header or front matter date written as %j', async (header, day) => {
    const corpus = await tempCorpus({
      'a.md': `${header}\n\nAnthropic wrote a letter to senators about fake accounts.\n`,
    });
    cleanup = corpus.cleanup;
    expect((await loadCorpus(corpus.dir)).sources[0]?.published).toBe(day);
  });

  it.each([
    ['---\npublished: true\ndate: 2026-06-26\n---', '2026-06-26'],
    ['---\npublished: true\n---', null],
    ['---\npublished: yes\npubdate: 2026-06-26\n---', '2026-06-26'],
    ['# Headline', null],
  ])('takes no yes/no flag for a date, nor a "> Date:" quote below the header (%j)', async (header, day) => {
    const corpus = await tempCorpus({
      'a.md': `${header}\n\nAnthropic wrote a letter to senators about fake accounts.\n\n> Date: to be announced\n`,
    });
    cleanup = corpus.cleanup;
    expect((await loadCorpus(corpus.dir)).sources[0]?.published).toBe(day);
  });

  it('makes an id of a file name that an id may not be', async () => {
    const body = 'Anthropic wrote a letter to senators about fake accounts.\n';
    const long = `2026-06-26-harbor-crane-collapse-live-updates-from-the-port-of-oakland`;
    const corpus = await tempCorpus({
      ' Crane  story é.md': body,
      'Репортаж.md': body,
      'new\nline.md': body,
      [`${long}-part-1.md`]: body,
      [`${long}-part-2.md`]: body,
      '新闻.md': body,
      'हिन्दी समाचार.md': body,
      'cafe\u0301.md': body,
      [`${'a'.repeat(40)}${'𠀀'.repeat(30)}.md`]: body,
      '!!.md': body,
      '??.md': body,
    });
    cleanup = corpus.cleanup;
    const ids = (await loadCorpus(corpus.dir)).sources.map((source) => source.id);
    expect(ids).toEqual(
      expect.arrayContaining(['Crane-story-é', 'new-line', 'Репортаж', '新闻', 'हिन्दी-समाचार', 'café']),
    );
    // Cut or emptied: told apart by a hash of the name.
    const hashed = ids.filter((id) => /-[0-9a-f]{8}$/.test(id));
    expect(hashed).toHaveLength(5);
    expect(new Set(hashed).size).toBe(5);
    for (const id of ids) {
      expect(metadataSchema.safeParse({ sources: { 'a.md': { id } } }).success, id).toBe(true);
    }
  });

  it('tells apart two files whose names give one id', async () => {
    const body = 'Anthropic wrote a letter to senators about fake accounts.\n';
    const clash = await problemsOf({ 'a b.md': body, 'a-b.md': body });
    expect(clash).toEqual([expect.objectContaining({ code: 'DUPLICATE_ID' })]);
  });

  it('reads no header line below the first paragraph of a file without blank lines', async () => {
    const corpus = await tempCorpus({
      'a.txt':
        'Anthropic wrote to the Senate Banking Committee in June.\nAlibaba did not reply to requests for comment.\n> Date: to be announced\n> Source: https://twitter.com/union/status/1\n',
    });
    cleanup = corpus.cleanup;
    expect((await loadCorpus(corpus.dir)).sources[0]).toMatchObject({ url: null, published: null });
  });

  it.each([
    [
      'a first-sentence title and a blank line',
      'Crane collapses in Oakland after the storm.\n\n',
      'https://news.example.com/a',
    ],
    ['a heading and a byline', '# Crane collapses\n\nBy Jane Doe\n', 'https://news.example.com/a'],
    [
      'a heading and a subtitle',
      '# Crane collapses\n\nA storm toppled the harbor crane on Monday night.\n\n',
      null,
    ],
    [
      'a heading and a subtitle right above them',
      '# Crane collapses\nA storm toppled the harbor crane on Monday night.\n',
      'https://news.example.com/a',
    ],
  ])(
    'reads the date lines after %s, and the source line while still in the header',
    async (_case, top, url) => {
      const corpus = await tempCorpus({
        'a.md': `${top}> Source: https://news.example.com/a>\n> Published: June 26, 2026\n\nThe letter went to the Senate Banking Committee in June.\n`,
      });
      cleanup = corpus.cleanup;
      expect((await loadCorpus(corpus.dir)).sources[0]).toMatchObject({ url, published: '2026-06-26' });
    },
  );

  it('reads the header lines under a title that is a first sentence, and a source left unclosed', async () => {
    const corpus = await tempCorpus({
      'a.txt':
        'Anthropic says Alibaba used 25,000 fake accounts to copy Claude.\n> Source: <https://news.example.com/alibaba\n> Published: 2026-06-26\n\nThe letter went to the Senate Banking Committee in June.\n',
    });
    cleanup = corpus.cleanup;
    expect((await loadCorpus(corpus.dir)).sources[0]).toMatchObject({
      url: 'https://news.example.com/alibaba',
      published: '2026-06-26',
    });
  });

  it('gives each address as a browser sends it, with spaces, quotes and pipes percent-encoded', async () => {
    const body = '\n\nAnthropic wrote a letter to senators about fake accounts.\n';
    const corpus = await tempCorpus({
      'a.md': `# A\n\n> Source: <https://news.example.com/crane story.html>${body}`,
      'b.md': `---\nurl: https://news.example.com/crane story (final).html\n---${body}`,
      'c.md': `# C${body}`,
      'd.md': `# D\n> Source: https://news.example.com/a?x=1>2${body}`,
      'sources.json': '{"sources": {"c.md": {"url": "https://news.example.com/c\\"d|e"}}}',
    });
    cleanup = corpus.cleanup;
    expect((await loadCorpus(corpus.dir)).sources.map((source) => source.url)).toEqual([
      'https://news.example.com/crane%20story.html',
      'https://news.example.com/crane%20story%20(final).html',
      'https://news.example.com/c%22d%7Ce',
      'https://news.example.com/a?x=1%3E2',
    ]);
  });

  it('shows titles, publishers and headings without control or bidirectional characters', async () => {
    const corpus = await tempCorpus({
      'a.md':
        '# A \u001b[2Jheadline \u202e\n\n## The \u2066letter\u0007\n\nAnthropic wrote a letter to senators about fake accounts.\n',
      'b.md': ARTICLE,
      'sources.json': '{"sources": {"b.md": {"title": "Other\\u202e", "publisher": "Pub\\u200b \\u202eX"}}}',
    });
    cleanup = corpus.cleanup;
    const [a, b] = (await loadCorpus(corpus.dir)).sources;
    expect(a?.title).toBe('A [2Jheadline');
    expect(a?.passages[0]?.section).toBe('The letter');
    expect(b).toMatchObject({ title: 'Other', publisher: 'Pub X' });
  });

  it('takes the metadata date instead of a header date that is not one', async () => {
    const corpus = await tempCorpus({
      'a.txt': ARTICLE.replace('2026-06-26', '2026-02-30'),
      'sources.json': '{"sources": {"a.txt": {"published": "2026-02-28"}}}',
    });
    cleanup = corpus.cleanup;
    expect((await loadCorpus(corpus.dir)).sources[0]?.published).toBe('2026-02-28');
  });

  it('ignores hidden files, such as a dangling editor lock link', async () => {
    const corpus = await tempCorpus({ 'a.md': ARTICLE, '._b.md': new Uint8Array([0, 5, 22]) });
    cleanup = corpus.cleanup;
    await symlink('user@host.12345:1700000000', path.join(corpus.dir, '.#a.md'));
    expect((await loadCorpus(corpus.dir)).sources.map((s) => s.id)).toEqual(['a']);
  });

  it('reads an article through a symbolic link', async () => {
    const target = await tempCorpus({ 'real.md': ARTICLE });
    const corpus = await tempCorpus({});
    cleanup = async () => {
      await corpus.cleanup();
      await target.cleanup();
    };
    await symlink(path.join(target.dir, 'real.md'), path.join(corpus.dir, 'linked.md'));
    const [source] = (await loadCorpus(corpus.dir)).sources;
    expect(source).toMatchObject({ id: 'linked', title: 'A headline' });
  });

  it('lists every problem at once', async () => {
    const problems = await problemsOf({ 'a.txt': '', 'b.txt': new Uint8Array([0]), 'c.txt': ARTICLE });
    expect(problems.map((p) => p.code).sort()).toEqual(['FILE_BINARY', 'FILE_EMPTY']);
  });

  it('rejects a folder without articles, and a missing folder', async () => {
    expect((await problemsOf({ 'notes.json': '{}' }))[0]?.code).toBe('CORPUS_EMPTY');
    await expect(loadCorpus('/nonexistent/facts')).rejects.toMatchObject({
      problems: [{ code: 'CORPUS_DIR_UNREADABLE' }],
    });
  });

  it('changes version when an article changes', async () => {
    const one = await tempCorpus({ 'a.txt': ARTICLE });
    const two = await tempCorpus({ 'a.txt': `${ARTICLE}More text was added to this article today.\n` });
    try {
      expect((await loadCorpus(one.dir)).version).not.toBe((await loadCorpus(two.dir)).version);
    } finally {
      await one.cleanup();
      await two.cleanup();
    }
  });
});

describe('loadCorpus offsets', () => {
  it('keeps a byte order mark, so offsets match the file as Node reads it', async () => {
    const corpus = await tempCorpus({
      'bom.txt': '\ufeffThe committee received forty complaints last year.\n',
    });
    cleanup = corpus.cleanup;
    const [source] = (await loadCorpus(corpus.dir)).sources;
    const { readFile } = await import('node:fs/promises');
    const fileText = await readFile(`${corpus.dir}/bom.txt`, 'utf8');
    const [passage] = source?.passages ?? [];
    expect(fileText.slice(passage?.start, passage?.end)).toBe(
      'The committee received forty complaints last year.',
    );
  });
});
