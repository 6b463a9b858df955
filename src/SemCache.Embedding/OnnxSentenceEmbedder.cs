using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using SemCache.Core.Numerics;

namespace SemCache.Embedding;

/// <summary>
/// A BERT-style sentence-embedding model run with ONNX Runtime behind <see cref="IEmbeddingGenerator{TInput,TEmbedding}"/>.
/// Batches are padded to their longest prompt; vectors are pooled and (by default) L2-normalised.
/// </summary>
public sealed class OnnxSentenceEmbedder : IPromptEmbedder
{
    private readonly InferenceSession _session;
    private readonly ITextTokenizer _tokenizer;
    private readonly OnnxEmbedderOptions _options;
    private readonly bool _needsTokenTypes;
    private readonly string _outputName;
    private readonly bool _outputIsPooled;
    private readonly EmbeddingGeneratorMetadata _metadata;

    /// <summary>A model held in memory with a BERT WordPiece vocabulary (vocab.txt).</summary>
    public OnnxSentenceEmbedder(byte[] model, Stream vocab, OnnxEmbedderOptions options)
        : this(OpenSession(o => new InferenceSession(model, o), options), WordPieceTextTokenizer.FromVocab(vocab, options.LowerCase), options)
    {
    }

    internal OnnxSentenceEmbedder(InferenceSession session, ITextTokenizer tokenizer, OnnxEmbedderOptions options)
    {
        _options = options;
        _session = session;
        _tokenizer = tokenizer;
        _needsTokenTypes = _session.InputMetadata.ContainsKey("token_type_ids");
        _outputName = PickOutput(_session);
        var outputShape = _session.OutputMetadata[_outputName].Dimensions;

        // Some exports end in the pooled sentence vector ([batch, dim]) instead of token states.
        _outputIsPooled = outputShape.Length == 2;
        Dimensions = outputShape[^1];
        _metadata = new EmbeddingGeneratorMetadata("semcache-onnx", null, options.ModelId, Dimensions > 0 ? Dimensions : null);
    }

    /// <summary>Vector width; -1 until the first batch when the model's metadata leaves it open.</summary>
    public int Dimensions { get; private set; }

    public string EmbedderId => _options.ModelId;

    public bool IsMultilingual => _options.Multilingual;

    public double KnownTokenShare(string prompt) => _tokenizer.KnownTokenShare(prompt);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var texts = values as IReadOnlyList<string> ?? values.ToList();
        var result = new GeneratedEmbeddings<Embedding<float>>(texts.Count);
        if (texts.Count == 0)
        {
            return Task.FromResult(result);
        }

        cancellationToken.ThrowIfCancellationRequested();
        foreach (var vector in Embed(texts))
        {
            result.Add(new Embedding<float>(vector) { ModelId = _options.ModelId, CreatedAt = DateTimeOffset.UtcNow });
        }

        return Task.FromResult(result);
    }

    /// <summary>Embeds a batch synchronously (ONNX Runtime's Run is CPU-bound and thread-safe).</summary>
    public float[][] Embed(IReadOnlyList<string> texts)
    {
        if (_options.OnePromptPerCall && texts.Count > 1)
        {
            var vectors = new float[texts.Count][];
            for (var i = 0; i < texts.Count; i++)
            {
                vectors[i] = EmbedBatch([texts[i]])[0];
            }

            return vectors;
        }

        return EmbedBatch(texts);
    }

    private float[][] EmbedBatch(IReadOnlyList<string> texts)
    {
        var encoded = new IReadOnlyList<int>[texts.Count];
        var maxLen = 0;
        for (var i = 0; i < texts.Count; i++)
        {
            var text = _options.PromptPrefix is { Length: > 0 } prefix ? prefix + texts[i] : texts[i];
            encoded[i] = _tokenizer.Encode(text, _options.MaxTokens);
            maxLen = Math.Max(maxLen, encoded[i].Count);
        }

        var batch = texts.Count;
        var ids = new long[batch * maxLen];
        if (_tokenizer.PadId != 0)
        {
            Array.Fill(ids, _tokenizer.PadId);
        }

        var mask = new long[batch * maxLen];
        for (var b = 0; b < batch; b++)
        {
            var row = encoded[b];
            for (var t = 0; t < row.Count; t++)
            {
                ids[(b * maxLen) + t] = row[t];
                mask[(b * maxLen) + t] = 1;
            }
        }

        long[] shape = [batch, maxLen];
        var inputs = new Dictionary<string, OrtValue>(3);
        try
        {
            inputs["input_ids"] = OrtValue.CreateTensorValueFromMemory(ids, shape);
            inputs["attention_mask"] = OrtValue.CreateTensorValueFromMemory(mask, shape);
            if (_needsTokenTypes)
            {
                inputs["token_type_ids"] = OrtValue.CreateTensorValueFromMemory(new long[batch * maxLen], shape);
            }

            using var runOptions = new RunOptions();
            using var outputs = _session.Run(runOptions, inputs, [_outputName]);
            var hidden = outputs[0].GetTensorDataAsSpan<float>();

            // The width comes from the result: some exports leave the hidden size symbolic in their metadata.
            var dim = (int)outputs[0].GetTensorTypeAndShape().Shape[^1];
            Dimensions = dim;
            return _outputIsPooled ? Split(hidden, batch, dim) : Pool(hidden, mask, batch, maxLen, dim);
        }
        finally
        {
            foreach (var value in inputs.Values)
            {
                value.Dispose();
            }
        }
    }

    private float[][] Split(ReadOnlySpan<float> pooled, int batch, int dim)
    {
        var vectors = new float[batch][];
        for (var b = 0; b < batch; b++)
        {
            vectors[b] = pooled.Slice(b * dim, dim).ToArray();
            if (_options.Normalize)
            {
                VectorMath.NormalizeInPlace(vectors[b]);
            }
        }

        return vectors;
    }

    private float[][] Pool(ReadOnlySpan<float> hidden, long[] mask, int batch, int seqLen, int dim)
    {
        var vectors = new float[batch][];
        for (var b = 0; b < batch; b++)
        {
            var v = new float[dim];
            if (_options.Pooling == Pooling.Cls)
            {
                hidden.Slice(b * seqLen * dim, dim).CopyTo(v);
            }
            else
            {
                var count = 0;
                for (var t = 0; t < seqLen; t++)
                {
                    if (mask[(b * seqLen) + t] == 0)
                    {
                        continue;
                    }

                    count++;
                    var token = hidden.Slice(((b * seqLen) + t) * dim, dim);
                    for (var d = 0; d < dim; d++)
                    {
                        v[d] += token[d];
                    }
                }

                var inv = 1f / Math.Max(1, count);
                for (var d = 0; d < dim; d++)
                {
                    v[d] *= inv;
                }
            }

            if (_options.Normalize)
            {
                VectorMath.NormalizeInPlace(v);
            }

            vectors[b] = v;
        }

        return vectors;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : null;

    public void Dispose() => _session.Dispose();

    internal static InferenceSession OpenSession(Func<SessionOptions, InferenceSession> open, OnnxEmbedderOptions options)
    {
        using var sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = Math.Max(1, options.IntraOpThreads),
            InterOpNumThreads = 1,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        return open(sessionOptions);
    }

    private static string PickOutput(InferenceSession session)
    {
        foreach (var name in (string[])["last_hidden_state", "token_embeddings"])
        {
            if (session.OutputMetadata.ContainsKey(name))
            {
                return name;
            }
        }

        return session.OutputNames[0];
    }
}
