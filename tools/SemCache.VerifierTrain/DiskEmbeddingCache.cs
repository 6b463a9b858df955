using Microsoft.Extensions.AI;
using SemCache.Core.Embedding;

namespace SemCache.VerifierTrain;

/// <summary>
/// Keeps every vector the tool computed in a file (obj/ by default), so retraining after a feature change does not
/// embed thousands of prompts again. Keyed by the embedder id and the exact text; appended after each call.
/// </summary>
public sealed class DiskEmbeddingCache : IEmbeddingGenerator<string, Embedding<float>>, IPromptCoverage
{
    private readonly IEmbeddingGenerator<string, Embedding<float>> _inner;
    private readonly IPromptCoverage _coverage;
    private readonly string _path;
    private readonly Dictionary<string, float[]> _vectors = new(StringComparer.Ordinal);

    public DiskEmbeddingCache(IEmbeddingGenerator<string, Embedding<float>> inner, string path)
    {
        _inner = inner;
        _coverage = (IPromptCoverage)inner;
        _path = path;
        if (File.Exists(path))
        {
            using var reader = new BinaryReader(File.OpenRead(path));
            if (reader.ReadString() == _coverage.EmbedderId)
            {
                while (reader.BaseStream.Position < reader.BaseStream.Length)
                {
                    var text = reader.ReadString();
                    var v = new float[reader.ReadInt32()];
                    for (var i = 0; i < v.Length; i++)
                    {
                        v[i] = reader.ReadSingle();
                    }

                    _vectors[text] = v;
                }
            }
        }
    }

    public string EmbedderId => _coverage.EmbedderId;

    public bool IsMultilingual => _coverage.IsMultilingual;

    public double KnownTokenShare(string prompt) => _coverage.KnownTokenShare(prompt);

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToList();
        var missing = texts.Where(t => !_vectors.ContainsKey(t)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            var fresh = await _inner.GenerateAsync(missing, options, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < missing.Count; i++)
            {
                _vectors[missing[i]] = fresh[i].Vector.ToArray();
            }

            Save();
        }

        return new GeneratedEmbeddings<Embedding<float>>(texts.Select(t => new Embedding<float>(_vectors[t])));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => _inner.GetService(serviceType, serviceKey);

    public void Dispose()
    {
    }

    private void Save()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_path))!);
        using var writer = new BinaryWriter(File.Create(_path));
        writer.Write(_coverage.EmbedderId);
        foreach (var (text, v) in _vectors)
        {
            writer.Write(text);
            writer.Write(v.Length);
            foreach (var x in v)
            {
                writer.Write(x);
            }
        }
    }
}
