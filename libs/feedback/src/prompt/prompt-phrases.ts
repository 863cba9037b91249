/** Identity of a phrase: case and spacing do not make two phrases different. */
export function phraseKey(phrase: string): string {
  return phrase.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The comma-separated phrases of a prompt, trimmed, without empty or repeated phrases. */
export function parsePhrases(prompt: string): string[] {
  const seen = new Set<string>();
  const phrases: string[] = [];
  for (const raw of prompt.split(',')) {
    const phrase = raw.trim().replace(/\s+/g, ' ');
    const key = phrase.toLowerCase();
    if (phrase === '' || seen.has(key)) continue;
    seen.add(key);
    phrases.push(phrase);
  }
  return phrases;
}

export function joinPhrases(phrases: readonly string[]): string {
  return phrases.join(', ');
}
