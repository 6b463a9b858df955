namespace SemCache.Matching.Language;

/// <summary>Letters per writing system, counted in one pass over a prompt.</summary>
internal struct ScriptCounts
{
    private int _latin;
    private int _han;
    private int _kana;
    private int _hangul;
    private int _arabic;
    private int _cyrillic;
    private int _greek;
    private int _hebrew;
    private int _devanagari;
    private int _thai;

    public int Letters { get; private set; }

    public void Add(char c)
    {
        if (!char.IsLetter(c))
        {
            return;
        }

        Letters++;
        switch (c)
        {
            case <= '\u024F':
                _latin++;
                break;
            case >= '\u0370' and <= '\u03FF':
                _greek++;
                break;
            case >= '\u0400' and <= '\u04FF':
                _cyrillic++;
                break;
            case >= '\u0590' and <= '\u05FF':
                _hebrew++;
                break;
            case >= '\u0600' and <= '\u06FF':
                _arabic++;
                break;
            case >= '\u0900' and <= '\u097F':
                _devanagari++;
                break;
            case >= '\u0E00' and <= '\u0E7F':
                _thai++;
                break;
            case >= '\u3040' and <= '\u30FF':
                _kana++;
                break;
            case >= '\uAC00' and <= '\uD7AF':
            case >= '\u1100' and <= '\u11FF':
                _hangul++;
                break;
            case >= '\u4E00' and <= '\u9FFF':
            case >= '\u3400' and <= '\u4DBF':
                _han++;
                break;
            default:
                _latin++;
                break;
        }
    }

    /// <summary>The non-Latin script with most letters; Japanese wins over Chinese as soon as kana appear.</summary>
    public readonly string? DominantNonLatin(out int count)
    {
        count = 0;
        string? code = null;
        Pick(_han + _kana, _kana > 0 ? "ja" : "zh", ref code, ref count);
        Pick(_hangul, "ko", ref code, ref count);
        Pick(_arabic, "ar", ref code, ref count);
        Pick(_cyrillic, "ru", ref code, ref count);
        Pick(_greek, "el", ref code, ref count);
        Pick(_hebrew, "he", ref code, ref count);
        Pick(_devanagari, "hi", ref code, ref count);
        Pick(_thai, "th", ref code, ref count);
        return code;
    }

    private static void Pick(int n, string candidate, ref string? code, ref int count)
    {
        if (n > count)
        {
            count = n;
            code = candidate;
        }
    }
}
