namespace SemCache.Embedding;

internal static class UnknownTokens
{
    public static double KnownShare(IReadOnlyList<int> ids, int unknownId)
    {
        if (ids.Count == 0)
        {
            return 0;
        }

        var unknown = 0;
        foreach (var id in ids)
        {
            if (id == unknownId)
            {
                unknown++;
            }
        }

        return 1.0 - ((double)unknown / ids.Count);
    }

    /// <summary>For models whose vocabulary we cannot see: readable unless nothing in it is a letter or a digit.</summary>
    public static double LettersOrDigitsShare(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (System.Text.Rune.IsLetterOrDigit(rune))
            {
                return 1.0;
            }
        }

        return 0;
    }
}
