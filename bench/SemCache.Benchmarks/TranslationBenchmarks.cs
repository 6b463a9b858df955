using BenchmarkDotNet.Attributes;
using SemCache.Matching;
using SemCache.Matching.Language;
using SemCache.Matching.Translation;

namespace SemCache.Benchmarks;

/// <summary>
/// What a Spanish, French or German prompt adds to a lookup before embedding: detection, the dictionary rendering
/// (uncached, as for a prompt seen the first time) and the analysis of the rendering, against the English path
/// (detection and analysis). The embedding itself costs the same for both (a rendering is about as long).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class TranslationBenchmarks
{
    private const string English = "a small orange cat sitting under a wooden table next to a red umbrella";
    private const string Spanish = "un gato naranja pequeño sentado debajo de una mesa de madera junto a un paraguas rojo";
    private const string French = "un petit chat orange assis sous une table en bois à côté d'un parapluie rouge";
    private const string German = "eine kleine orange Katze sitzt unter einem Holztisch neben einem roten Regenschirm";

    // Few function words: detection asks the dictionaries and WordNet (the English path of most real prompts).
    private const string EnglishTags = "cyberpunk city street at night, neon lights, rain, reflections, octane render, artstation, 8k";

    [GlobalSetup]
    public void Setup()
    {
        // Loading the shipped word data is a one-time start-up cost, measured apart in docs/benchmarks.md.
        foreach (var language in BilingualLexicon.Supported)
        {
            _ = BilingualLexicon.For(language);
        }

        _ = SemCache.Matching.Lexicon.WordNetLexicon.Shared;
    }

    [Benchmark(Baseline = true)]
    public PromptAnalysis EnglishPrompt()
    {
        _ = LanguageDetector.Detect(English);
        return PromptAnalysis.Analyze(English);
    }

    [Benchmark]
    public PromptAnalysis EnglishTagList()
    {
        _ = LanguageDetector.Detect(EnglishTags);
        return PromptAnalysis.Analyze(EnglishTags);
    }

    [Benchmark]
    public PromptAnalysis SpanishPrompt() => Rendered(Spanish);

    [Benchmark]
    public PromptAnalysis FrenchPrompt() => Rendered(French);

    [Benchmark]
    public PromptAnalysis GermanPrompt() => Rendered(German);

    private static PromptAnalysis Rendered(string prompt)
    {
        var language = LanguageDetector.Detect(prompt);
        var rendering = DictionaryTranslator.Instance.Translate(prompt, language)!;
        return PromptAnalysis.Analyze(rendering.Text);
    }
}
