// sentencex ships no type declarations; this is the part of its API we use (see its README).
declare module 'sentencex' {
  export interface SentenceBoundary {
    /** Code point index of the sentence's first character. */
    start_index: number;
    /** Code point index one past its last character. */
    end_index: number;
    text: string;
    boundary_symbol: string | null;
    is_paragraph_break: boolean;
  }
  export function get_sentence_boundaries(language: string, text: string): SentenceBoundary[];
  export function segment(language: string, text: string): string[];
}
