using Microsoft.Extensions.AI;
using SemCache.Core.Embedding;

namespace SemCache.Embedding;

/// <summary>
/// Keeps the embeddings of the most recent prompts (keyed by the exact text) so a repeated prompt is not embedded
/// again. Lookups and inserts are O(1) under one short lock; a batch sends only its misses, in one inner call.
/// Two callers missing the same prompt at once may both embed it; the result is the same vector.
/// </summary>
public sealed class LruEmbeddingCache : IPromptEmbedder
{
    public const int DefaultCapacity = 10_000;

    private readonly IEmbeddingGenerator<string, Embedding<float>> _inner;
    private readonly IPromptCoverage? _coverage;
    private readonly Dictionary<string, LinkedListNode<(string Text, Embedding<float> Embedding)>> _map;
    private readonly LinkedList<(string Text, Embedding<float> Embedding)> _recency = new();
    private readonly Lock _lock = new();
    private long _hits;
    private long _misses;

    /// <summary>
    /// Wraps <paramref name="inner"/>; its <see cref="IPromptCoverage"/> is forwarded when it has one, otherwise every
    /// prompt with a letter or digit counts as readable and the id is the inner model id.
    /// </summary>
    public LruEmbeddingCache(IEmbeddingGenerator<string, Embedding<float>> inner, int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _inner = inner;
        _coverage = inner as IPromptCoverage;
        Capacity = capacity;
        _map = new Dictionary<string, LinkedListNode<(string, Embedding<float>)>>(Math.Min(capacity, 1024), StringComparer.Ordinal);
        EmbedderId = _coverage?.EmbedderId
            ?? inner.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId
            ?? inner.GetType().Name;
    }

    public int Capacity { get; }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _map.Count;
            }
        }
    }

    /// <summary>Prompts answered from memory since start.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Prompts sent to the inner embedder since start.</summary>
    public long Misses => Interlocked.Read(ref _misses);

    public string EmbedderId { get; }

    public bool IsMultilingual => _coverage?.IsMultilingual ?? false;

    public double KnownTokenShare(string prompt) =>
        _coverage?.KnownTokenShare(prompt) ?? UnknownTokens.LettersOrDigitsShare(prompt);

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var texts = values as IReadOnlyList<string> ?? values.ToList();
        var found = new Embedding<float>?[texts.Count];
        List<string>? misses = null;
        lock (_lock)
        {
            for (var i = 0; i < texts.Count; i++)
            {
                if (_map.TryGetValue(texts[i], out var node))
                {
                    _recency.Remove(node);
                    _recency.AddFirst(node);
                    found[i] = node.Value.Embedding;
                }
                else
                {
                    misses ??= [];
                    misses.Add(texts[i]);
                }
            }
        }

        var unique = misses?.Distinct(StringComparer.Ordinal).ToList() ?? [];
        Interlocked.Add(ref _hits, texts.Count - unique.Count);
        Interlocked.Add(ref _misses, unique.Count);
        var fresh = unique.Count == 0
            ? new Dictionary<string, Embedding<float>>()
            : await EmbedMissesAsync(unique, options, cancellationToken).ConfigureAwait(false);

        var result = new GeneratedEmbeddings<Embedding<float>>(texts.Count);
        for (var i = 0; i < texts.Count; i++)
        {
            result.Add(found[i] ?? fresh[texts[i]]);
        }

        return result;
    }

    private async Task<Dictionary<string, Embedding<float>>> EmbedMissesAsync(
        List<string> unique,
        EmbeddingGenerationOptions? options,
        CancellationToken cancellationToken)
    {
        var embedded = await _inner.GenerateAsync(unique, options, cancellationToken).ConfigureAwait(false);
        if (embedded.Count != unique.Count)
        {
            throw new InvalidOperationException($"The inner embedder returned {embedded.Count} embeddings for {unique.Count} prompts.");
        }

        var fresh = new Dictionary<string, Embedding<float>>(unique.Count, StringComparer.Ordinal);
        lock (_lock)
        {
            for (var i = 0; i < unique.Count; i++)
            {
                fresh[unique[i]] = embedded[i];
                Put(unique[i], embedded[i]);
            }
        }

        return fresh;
    }

    private void Put(string text, Embedding<float> embedding)
    {
        if (_map.TryGetValue(text, out var existing))
        {
            _recency.Remove(existing);
            _map.Remove(text);
        }
        else if (_map.Count >= Capacity)
        {
            var oldest = _recency.Last!;
            _recency.RemoveLast();
            _map.Remove(oldest.Value.Text);
        }

        _map[text] = _recency.AddFirst((text, embedding));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : _inner.GetService(serviceType, serviceKey);

    public void Dispose() => _inner.Dispose();
}
