namespace SemCache.Matching;

/// <summary>
/// Splits a prompt into lower-case words and punctuation marks, and collects quoted text. Letters and digits
/// form words; "n't" becomes "not"; a possessive "'s" is dropped; other apostrophes split ("d'un" → "d", "un").
/// </summary>
internal static class PromptTokenizer
{
    public static void Tokenize(string prompt, List<string> words, List<string> quoted)
    {
        CollectQuoted(prompt, quoted);
        var i = 0;
        while (i < prompt.Length)
        {
            var c = prompt[i];
            if (char.IsLetterOrDigit(c))
            {
                var start = i;
                while (i < prompt.Length && char.IsLetterOrDigit(prompt[i]))
                {
                    i++;
                }

                var word = prompt[start..i].ToLowerInvariant();
                if (i + 1 < prompt.Length && IsApostrophe(prompt[i]) && (prompt[i + 1] is 't' or 'T') && word.EndsWith('n')
                    && (i + 2 >= prompt.Length || !char.IsLetter(prompt[i + 2])))
                {
                    // "isn't", "don't", "can't": the verb is a stop word anyway; the negation is what matters.
                    words.Add("not");
                    i += 2;
                    continue;
                }

                if (word == "cannot")
                {
                    // One word for "can not" (as "can't" is): the negation must be seen.
                    words.Add("can");
                    words.Add("not");
                    continue;
                }

                words.Add(word);
                if (i + 1 < prompt.Length && IsApostrophe(prompt[i]) && (prompt[i + 1] is 's' or 'S')
                    && (i + 2 >= prompt.Length || !char.IsLetterOrDigit(prompt[i + 2])))
                {
                    i += 2;
                }
            }
            else
            {
                if (c is ',' or ';' or '.' or ':' or '!' or '?' or '&' or '|' or '+' or '(' or ')' or '[' or ']' or '/')
                {
                    words.Add(c.ToString());
                }

                i++;
            }
        }
    }

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019';

    private static void CollectQuoted(string prompt, List<string> quoted)
    {
        var open = -1;
        var close = '\0';
        for (var i = 0; i < prompt.Length; i++)
        {
            var c = prompt[i];
            if (open < 0)
            {
                close = c switch { '"' => '"', '\u201C' => '\u201D', '\u00AB' => '\u00BB', '\u201E' => '\u201C', _ => '\0' };
                if (close != '\0')
                {
                    open = i;
                }
            }
            else if (c == close || (close == '\u201D' && c == '"'))
            {
                quoted.Add(prompt[(open + 1)..i].Trim());
                open = -1;
            }
        }
    }
}
