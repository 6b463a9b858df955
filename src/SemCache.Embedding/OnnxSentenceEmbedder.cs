using System.Runtime.InteropServices;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;
using SemCache.Embedding;

namespace SemCache.Embedding;

/// <summary>
/// A BERT-style sentence-embedding model run with ONNX Runtime behind <see cref="IEmbeddingGenerator{TInput,TEmbedding}"/>.
/// Batches are padded to their longest prompt; vectors are pooled and (by default) L2-normalised.
/// </summary>
public sealed class OnnxSentenceEmbedder : IEmbeddingGenerator<string, Embedding<float>>, IPromptCoverage
{
    private readonly InferenceSession _session;
    private readonly BertTokenizer _tokenizer;
    private readonly OnnxEmbedderOptions _options;
    private readonly bool _needsTokenTypes;
    private readonly string _outputName;
    private readonly EmbeddingGeneratorMetadata _metadata;

    public OnnxSentenceEmbedder(byte[] model, Stream vocab, OnnxEmbedderOptions options)
    {
        _options = options;
        using var sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = Math.Max(1, options.IntraOpThreads),
            InterOpNumThreads = 1,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(model, sessionOptions);
        _tokenizer = BertTokenizer.Create(vocab, new BertOptions { LowerCaseBeforeTokenization = options.LowerCase });
        _needsTokenTypes = _session.InputMetadata.ContainsKey("token_type_ids");
        _outputName = _session.OutputMetadata.ContainsKey("last_hidden_state") ? "last_hidden_state" : _session.OutputNames[0];
        Dimensions = (int)_session.OutputMetadata[_outputName].Dimensions[^1];
        _metadata = new EmbeddingGeneratorMetadata("semcache-onnx", null, options.ModelId, Dimensions);
    }

    public int Dimensions { get; }

    public string EmbedderId => _options.ModelId;

    public bool IsMultilingual => _options.Multilingual;

    public double KnownTokenShare(string prompt)
    {
        var ids = _tokenizer.EncodeToIds(prompt, addSpecialTokens: false, considerPreTokenization: true, considerNormalization: true);
        if (ids.Count == 0)
        {
            return 0;
        }

        var unknown = 0;
        foreach (var id in ids)
        {
            if (id == _tokenizer.UnknownTokenId)
            {
                unknown++;
            }
        }

        return 1.0 - ((double)unknown / ids.Count);
    }

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
        var encoded = new IReadOnlyList<int>[texts.Count];
        var maxLen = 0;
        for (var i = 0; i < texts.Count; i++)
        {
            encoded[i] = _tokenizer.EncodeToIds(texts[i], _options.MaxTokens, addSpecialTokens: true, out _, out _);
            maxLen = Math.Max(maxLen, encoded[i].Count);
        }

        var batch = texts.Count;
        var ids = new long[batch * maxLen];
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
            return Pool(hidden, mask, batch, maxLen);
        }
        finally
        {
            foreach (var value in inputs.Values)
            {
                value.Dispose();
            }
        }
    }

    private float[][] Pool(ReadOnlySpan<float> hidden, long[] mask, int batch, int seqLen)
    {
        var dim = Dimensions;
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
}
