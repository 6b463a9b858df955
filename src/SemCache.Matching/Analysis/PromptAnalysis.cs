using SemCache.Matching.Language;

namespace SemCache.Matching;

/// <summary>
/// What the guards compare about one prompt, computed once (candidates are cached by the decider). Every feature
/// is a sorted array of short keys, so a guard is a merge walk over two arrays.
/// </summary>
public sealed class PromptAnalysis
{
    internal PromptAnalysis(string prompt, string language, AnalyzedWord[] words)
    {
        Prompt = prompt;
        Language = language;
        Words = words;
        WordArray = words;
    }

    public string Prompt { get; }

    /// <summary>Language code from <see cref="LanguageDetector"/>.</summary>
    public string Language { get; }

    public IReadOnlyList<AnalyzedWord> Words { get; }

    internal AnalyzedWord[] WordArray { get; }

    /// <summary>Content lemmas (objects, attributes, actions, styles), sorted, with repeats.</summary>
    public string[] Content { get; internal init; } = [];

    /// <summary>Content lemmas in prompt order, space-separated.</summary>
    public string OrderedContent { get; internal init; } = "";

    /// <summary>One key per conjunct (text between "and"/commas): its content lemmas in order; sorted.</summary>
    public string[] Conjuncts { get; internal init; } = [];

    /// <summary>"colour>lemma" for each colour word and the word it describes.</summary>
    public string[] Colours { get; internal init; } = [];

    /// <summary>"value>lemma" for each number above one and the word it counts.</summary>
    public string[] Counts { get; internal init; } = [];

    /// <summary>Content lemmas seen in plural form ("dogs") and in singular form ("dog").</summary>
    public string[] Plurals { get; internal init; } = [];

    public string[] Singulars { get; internal init; } = [];

    /// <summary>"not>lemma" for each negator and the word it negates.</summary>
    public string[] Negations { get; internal init; } = [];

    /// <summary>"subject relation object" in canonical direction ("B right of A" is stored as "A left-of B").</summary>
    public string[] Relations { get; internal init; } = [];

    /// <summary>
    /// For each content word in prompt order, the relation words (locative prepositions and spatial words, canonical,
    /// sorted, joined by '+') between it and the previous content word; "" where there are none.
    /// </summary>
    public string[] RelationWords { get; internal init; } = [];

    /// <summary>All words in order, lower case, without punctuation: equal for prompts that differ only in case and punctuation.</summary>
    public string WordSequence { get; internal init; } = "";

    /// <summary>Quoted text, in order, exactly as written.</summary>
    public string[] Quoted { get; internal init; } = [];

    /// <summary>This side of a pair whose prompts were written in two languages (see <see cref="ForCrossLanguagePair"/>).</summary>
    public bool AcrossLanguages { get; private init; }

    public static PromptAnalysis Analyze(string prompt) => PromptAnalyzer.Analyze(prompt);

    /// <summary>
    /// This analysis as the guards compare it against a prompt of another language. A rendering keeps its source's
    /// word order (German and French put the negator after the verb), so a negator's scope cannot be compared word
    /// by word: only how many negators each side has counts. Quoted text is drawn into the image as written, so the
    /// original prompt's quotes (<paramref name="quoted"/>) are compared, never their glosses.
    /// </summary>
    internal PromptAnalysis ForCrossLanguagePair(string[] quoted, bool acrossLanguages) => new(Prompt, Language, WordArray)
    {
        AcrossLanguages = acrossLanguages,
        Content = Content,
        OrderedContent = OrderedContent,
        Conjuncts = Conjuncts,
        Colours = Colours,
        Counts = Counts,
        Plurals = Plurals,
        Singulars = Singulars,
        Negations = acrossLanguages ? Array.ConvertAll(Negations, _ => "not") : Negations,
        Relations = Relations,
        RelationWords = RelationWords,
        WordSequence = WordSequence,
        Quoted = quoted,
    };
}
