using System.Collections.Concurrent;

namespace SemCache.Server.Pipeline;

/// <summary>
/// Images answered to a client but not yet written: the exact tier looks here first, so an identical request that
/// arrives while the write is in flight is still a hit.
/// </summary>
public sealed class PendingImages
{
    private readonly ConcurrentDictionary<string, PendingImage> _byKey = new(StringComparer.Ordinal);

    public int Count => _byKey.Count;

    public void Add(PendingImage image) => _byKey[image.Key] = image;

    public bool TryGet(string key, out PendingImage image) => _byKey.TryGetValue(key, out image!);

    public void Remove(PendingImage image) => _byKey.TryRemove(new KeyValuePair<string, PendingImage>(image.Key, image));
}
