using System.Text;

namespace SemCache.Matching.Translation;

/// <summary>Splits a prompt into words and single punctuation marks; French elisions ("d'un", "l'eau") become two words.</summary>
internal static class PromptWords
{
    public static bool IsWord(string token) => token.Length > 0 && char.IsLetterOrDigit(token[0]);

    public static List<string> Split(string prompt, bool frenchElision)
    {
        var tokens = new List<string>();
        var word = new StringBuilder();
        for (var i = 0; i < prompt.Length; i++)
        {
            var c = prompt[i];
            var apostrophe = c is '\'' or '’';
            if (frenchElision && c == '-' && word.Length > 0 && InvertedPronoun(prompt, i + 1))
            {
                // "est-il", "a-t-elle": the inverted subject pronoun becomes a word of its own.
                Flush(tokens, word);
                continue;
            }

            if (char.IsLetterOrDigit(c) || (c == '-' && word.Length > 0) || (apostrophe && word.Length > 0 && i + 1 < prompt.Length && char.IsLetter(prompt[i + 1])))
            {
                if (apostrophe)
                {
                    if (frenchElision && word.Length <= 5)
                    {
                        // "d'", "l'", "qu'", "jusqu'": the elided word keeps its apostrophe for the closed list.
                        tokens.Add(word.Append('\'').ToString());
                        word.Clear();
                        continue;
                    }

                    word.Append('\'');
                    continue;
                }

                word.Append(c);
                continue;
            }

            Flush(tokens, word);
            if (!char.IsWhiteSpace(c))
            {
                tokens.Add(c.ToString());
            }
        }

        Flush(tokens, word);
        return tokens;
    }

    private static bool InvertedPronoun(string prompt, int start)
    {
        var rest = prompt.AsSpan(start);
        if (rest.StartsWith("t-", StringComparison.Ordinal))
        {
            rest = rest[2..];
        }

        foreach (var pronoun in (ReadOnlySpan<string>)["il", "elle", "on", "ils", "elles", "tu", "vous", "nous", "je", "moi", "toi"])
        {
            if (rest.StartsWith(pronoun, StringComparison.Ordinal) && (rest.Length == pronoun.Length || !char.IsLetter(rest[pronoun.Length])))
            {
                return true;
            }
        }

        return false;
    }

    private static void Flush(List<string> tokens, StringBuilder word)
    {
        if (word.Length > 0)
        {
            tokens.Add(word.ToString().TrimEnd('-'));
            word.Clear();
        }
    }
}
