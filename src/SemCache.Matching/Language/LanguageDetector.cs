namespace SemCache.Matching.Language;

/// <summary>
/// Cheap language guess for a prompt: the dominant script decides for non-Latin text; Latin text is scored by
/// function words and a few diacritics. A Latin prompt with no evidence at all (a tag list such as
/// "cyberpunk city, neon, 8k") is reported as "en": most text-to-image prompts are English tag lists, and
/// "und" would needlessly exclude them from language-aware matching. For the same reason a non-English Latin
/// language needs two function words (or one and a diacritic hint). Text without letters is "und".
/// Allocation: one lower-cased copy of the prompt; no regular expressions.
/// </summary>
public static class LanguageDetector
{
    public const string Undetermined = "und";

    /// <summary>Two function words (2 points each), or one plus a strong diacritic hint.</summary>
    private const int MinForeignScore = 4;

    /// <summary>Codes of scripts an English-vocabulary embedder cannot read.</summary>
    public static bool IsNonLatinScript(string code) =>
        code is "zh" or "ja" or "ko" or "ar" or "ru" or "el" or "he" or "hi" or "th";

    public static string Detect(string text)
    {
        var counts = new ScriptCounts();
        foreach (var c in text)
        {
            counts.Add(c);
        }

        if (counts.Letters == 0)
        {
            return Undetermined;
        }

        var nonLatin = counts.DominantNonLatin(out var nonLatinCount);
        if (nonLatin is not null && nonLatinCount * 2 >= counts.Letters)
        {
            return nonLatin;
        }

        return DetectLatin(text);
    }

    private static string DetectLatin(string text)
    {
        var lower = text.ToLowerInvariant();
        Span<int> scores = stackalloc int[LanguageStopWords.Latin.Length];
        AddDiacriticHints(lower, scores);
        var start = -1;
        for (var i = 0; i <= lower.Length; i++)
        {
            var letter = i < lower.Length && char.IsLetter(lower[i]);
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                Score(lower.AsSpan(start, i - start), scores);
                start = -1;
            }
        }

        // English wins ties, and another language needs at least two pieces of evidence: English tag lists are full
        // of stray tokens ("3 d", "die cut", "de" in a name), and calling an English prompt foreign would keep it from
        // matching its own variants. A short foreign prompt reported as "en" costs nothing: the word guards still
        // compare every word.
        AddDictionaryEvidence(lower, scores);
        var best = 0;
        for (var l = 1; l < scores.Length; l++)
        {
            if (scores[l] > scores[best] && scores[l] >= MinForeignScore)
            {
                best = l;
            }
        }

        // Few function words either way ("Queremos justicia.", "Tom amaba a los animales."): the dictionaries decide.
        if (scores[best] < StrongScore && DictionaryVote(lower) is { } voted)
        {
            return voted;
        }

        return LanguageStopWords.Latin[best].Code;
    }

    /// <summary>Three function words: enough that the dictionaries are not asked.</summary>
    private const int StrongScore = 6;

    /// <summary>
    /// Words a bridge language's dictionary lists as written (a form or headword, not a stem guess, not a name) and
    /// English does not know (WordNet, English function words): a language with at least two such words, twice as many as any
    /// other bridge language and more than the words only English knows, is the prompt's language. An English tag
    /// list rarely has two words WordNet does not know that a foreign dictionary does; the real-prompt workload
    /// measures it (docs/quality.md).
    /// </summary>
    private static string? DictionaryVote(string lower)
    {
        var words = lower.Split(WordSeparators, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return null;
        }

        var english = Lexicon.WordNetLexicon.Shared;
        Span<int> foreign = stackalloc int[Bridge.Length];
        var englishOnly = 0;
        foreach (var word in words)
        {
            if (word.Length < 2 || !word.All(char.IsLetter))
            {
                continue;
            }

            var isEnglish = ClosedClasses.StopWords.Contains(word) || ClosedClasses.Conjunctions.Contains(word) || english.Knows(word);
            var anyForeign = false;
            for (var l = 0; l < Bridge.Length; l++)
            {
                var lexicon = Translation.BilingualLexicon.For(Bridge[l]);
                // Proper nouns do not count: Apertium lists names ("obama", "johnson") that English prompts are full of.
                if (lexicon.Closed(word) is not null || (lexicon.IsHeadword(word) && lexicon.Lookup(word) is { Class: not "np" }))
                {
                    anyForeign = true;
                    foreign[l] += isEnglish ? 0 : 1;
                }
            }

            englishOnly += isEnglish && !anyForeign ? 1 : 0;
        }

        var first = 0;
        for (var l = 1; l < Bridge.Length; l++)
        {
            first = foreign[l] > foreign[first] ? l : first;
        }

        var second = 0;
        for (var l = 0; l < Bridge.Length; l++)
        {
            second = l != first && foreign[l] > second ? foreign[l] : second;
        }

        return foreign[first] >= 2 && foreign[first] >= 2 * second && foreign[first] > englishOnly ? Bridge[first] : null;
    }

    private static readonly string[] Bridge = ["es", "fr", "de"];

    /// <summary>
    /// A short prompt with one function word of a bridge language and no English evidence ("sechs Vasen", "dos
    /// gatos") is decided by its other words: each one the language's dictionary knows counts as a function word.
    /// Only then is the (larger) dictionary consulted, so English prompts never pay for it.
    /// </summary>
    private static void AddDictionaryEvidence(string lower, Span<int> scores)
    {
        if (scores[0] > 0)
        {
            return;
        }

        for (var l = 1; l < scores.Length; l++)
        {
            var code = LanguageStopWords.Latin[l].Code;
            // Every language with a function word gets its dictionary's words, not only the one short of the bar:
            // "une image d'un vase" has French words enough, but Spanish "un" alone used to win the tie with them.
            if (scores[l] < 2 || !Translation.BilingualLexicon.Supported.Contains(code))
            {
                continue;
            }

            var lexicon = Translation.BilingualLexicon.For(code);
            foreach (var word in lower.Split(WordSeparators, StringSplitOptions.RemoveEmptyEntries))
            {
                if (word.Length >= 4 && lexicon.Closed(word) is null && lexicon.Lookup(word) is not null)
                {
                    scores[l] += 2;
                }
            }
        }
    }

    private static readonly char[] WordSeparators = [' ', ',', '.', ';', ':', '!', '?', '¿', '¡', '"', '\'', '(', ')', '-'];

    private static void Score(ReadOnlySpan<char> word, Span<int> scores)
    {
        for (var l = 0; l < scores.Length; l++)
        {
            var lookup = LanguageStopWords.Latin[l].Words.GetAlternateLookup<ReadOnlySpan<char>>();
            var hints = LanguageStopWords.BridgeHints[l].GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.Contains(word) || hints.Contains(word))
            {
                scores[l] += 2;
            }
        }
    }

    private static void AddDiacriticHints(string lower, Span<int> scores)
    {
        foreach (var c in lower)
        {
            switch (c)
            {
                case 'ñ' or '¿' or '¡':
                    scores[1] += 3;
                    break;
                case 'á' or 'í' or 'ó' or 'ú':
                    scores[1] += 1;
                    break;
                case 'é':
                    scores[2] += 1;
                    break;
                case 'ç' or 'œ' or 'è' or 'ê' or 'à' or 'â' or 'î' or 'ô' or 'û' or 'ë' or 'ï' or 'ù':
                    scores[2] += 1;
                    break;
                case 'ß' or 'ä' or 'ö' or 'ü':
                    scores[3] += 1;
                    break;
                case 'ã' or 'õ':
                    scores[5] += 2;
                    break;
            }
        }
    }
}
