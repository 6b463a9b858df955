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

    private static void Flush(List<string> tokens, StringBuilder word)
    {
        if (word.Length > 0)
        {
            tokens.Add(word.ToString().TrimEnd('-'));
            word.Clear();
        }
    }
}
