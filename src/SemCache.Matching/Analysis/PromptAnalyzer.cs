using System.Collections.Frozen;
using SemCache.Matching.Language;
using SemCache.Matching.Lexicon;

namespace SemCache.Matching;

/// <summary>Builds a <see cref="PromptAnalysis"/>: tokenise, classify, stem, then extract each guard's features.</summary>
internal static class PromptAnalyzer
{
    /// <summary>Framing words ("a photo of X") that do not bind to objects, so they never decide roles.</summary>
    private static readonly FrozenSet<string> Framing = new[] { "photo", "paint", "draw", "render", "illustration", "sketch", "view", "closeup" }
        .Select(w => Synonyms.Canonical(Lemmatizer.Stem(w, out _, out _)))
        .ToFrozenSet(StringComparer.Ordinal);

    public static PromptAnalysis Analyze(string prompt)
    {
        var tokens = new List<string>(16);
        var quoted = new List<string>();
        PromptTokenizer.Tokenize(prompt, tokens, quoted);
        var words = new List<AnalyzedWord>(tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
        {
            // "cell phone" is one word (a synonym of "phone"): the "cell" would otherwise count as an extra object.
            if (tokens[i] != "cell" || i + 1 == tokens.Count || !tokens[i + 1].StartsWith("phone", StringComparison.Ordinal))
            {
                words.Add(Classify(tokens[i]));
            }
        }

        var array = SentenceStructure.Normalize([.. words], WordNetLexicon.Shared, Framing);
        NounColours(array);
        var sequence = string.Join(' ', tokens.Where(t => t.Length > 1 || char.IsLetterOrDigit(t[0])));
        return Build(prompt, LanguageDetector.Detect(prompt), sequence, [.. quoted], array);
    }

    /// <summary>The same prompt with some words' lemmas replaced (an alignment to a candidate's words).</summary>
    public static PromptAnalysis Rebuild(PromptAnalysis original, AnalyzedWord[] words) =>
        Build(original.Prompt, original.Language, original.WordSequence, original.Quoted, words);

    private static PromptAnalysis Build(string prompt, string language, string wordSequence, string[] quoted, AnalyzedWord[] words)
    {

        var content = new List<string>(words.Length);
        var singular = new List<string>();
        var plural = new List<string>();
        foreach (var w in words)
        {
            if (w.Kind == WordKind.Content)
            {
                content.Add(w.Lemma);
                if (!w.Ing)
                {
                    (w.Plural ? plural : singular).Add(w.Lemma);
                }
            }
        }

        var ordered = string.Join(' ', content);
        return new PromptAnalysis(prompt, language, words)
        {
            Content = Sorted(content),
            OrderedContent = ordered,
            Conjuncts = Conjuncts(words),
            Colours = Features.Colours(words),
            Counts = Features.Counts(words),
            Plurals = Sorted(plural),
            Singulars = Sorted(singular),
            Negations = Features.Negations(words),
            Relations = Features.Relations(words, Framing),
            RelationWords = Features.RelationWords(words),
            Quoted = quoted,
            WordSequence = wordSequence,
        };
    }

    private static AnalyzedWord Classify(string token)
    {
        var kind = EnglishLexicon.Classify(token);
        switch (kind)
        {
            case WordKind.Colour:
                return new AnalyzedWord(EnglishLexicon.Colours[token], kind, false, false, -1, token);
            case WordKind.Number:
                var value = EnglishLexicon.NumberWords.TryGetValue(token, out var v) ? v
                    : int.TryParse(token, out var parsed) ? parsed : -1;
                // Digits too long for an int keep their text, so two different long numbers never compare equal.
                var lemma = value >= 0 ? value.ToString(System.Globalization.CultureInfo.InvariantCulture) : token;
                return new AnalyzedWord(lemma, kind, false, false, value, token);
            case WordKind.Content:
                var stem = Lemmatizer.Stem(token, out var isPlural, out var ing);
                return new AnalyzedWord(Synonyms.Canonical(stem), kind, isPlural, ing, -1, token);
            default:
                return new AnalyzedWord(token, kind, false, false, -1, token);
        }
    }

    /// <summary>"an orange", "a red orange": the colour word ending its phrase after an article or colour is the fruit.</summary>
    private static void NounColours(AnalyzedWord[] words)
    {
        for (var i = 1; i < words.Length; i++)
        {
            var w = words[i];
            var endsPhrase = i + 1 == words.Length || words[i + 1].Kind is not (WordKind.Content or WordKind.Colour);
            if (w.Kind == WordKind.Colour && w.Lemma == "orange" && endsPhrase
                && (words[i - 1].Kind == WordKind.Colour || words[i - 1].Lemma is "a" or "an" or "the"))
            {
                words[i] = new AnalyzedWord("orange", WordKind.Content, false, false, -1, "orange");
            }
        }
    }

    /// <summary>
    /// Conjunct keys: content in order, so "a dog chasing a cat" differs from "a cat chasing a dog" while
    /// "a red car and a blue bench" equals "a blue bench and a red car". A conjunct with a spatial word is keyed as
    /// "left part, relation, right part" in canonical direction, so "A left of B" = "B right of A".
    /// </summary>
    private static string[] Conjuncts(AnalyzedWord[] words)
    {
        var keys = new List<string>();
        var start = 0;
        for (var i = 0; i <= words.Length; i++)
        {
            if (i == words.Length || words[i].Kind == WordKind.Conjunction)
            {
                var key = ConjunctKey(words, start, i);
                if (key.Length > 0)
                {
                    keys.Add(key);
                }

                start = i + 1;
            }
        }

        return Sorted(keys);
    }

    private static string ConjunctKey(AnalyzedWord[] words, int start, int end)
    {
        var left = new List<string>();
        var right = new List<string>();
        string? relation = null;
        var converse = false;
        for (var i = start; i < end; i++)
        {
            var w = words[i];
            if (w.Kind == WordKind.Spatial && relation is null)
            {
                (relation, converse) = EnglishLexicon.Spatial[w.Lemma];
            }
            else if (w.Kind == WordKind.Content && !Framing.Contains(w.Lemma))
            {
                (relation is null ? left : right).Add(w.Lemma);
            }
        }

        var l = string.Join(' ', left);
        if (relation is null)
        {
            return l;
        }

        var r = string.Join(' ', right);
        if (converse || (relation == "near" && string.CompareOrdinal(l, r) > 0))
        {
            (l, r) = (r, l);
        }

        return l + " <" + relation + "> " + r;
    }

    internal static string[] Sorted(List<string> items)
    {
        var array = items.ToArray();
        Array.Sort(array, StringComparer.Ordinal);
        return array;
    }
}
