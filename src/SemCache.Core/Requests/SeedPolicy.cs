namespace SemCache.Core.Requests;

/// <summary>How the seed takes part in semantic matching. See docs/keys.md.</summary>
public enum SeedPolicy
{
    /// <summary>The seed is part of the partition; requests without one share the default seed's partition.</summary>
    Partition,

    /// <summary>Requests that carry an explicit seed use the exact tier only.</summary>
    ExactOnly,

    /// <summary>The seed is left out of the partition (still part of the exact key).</summary>
    Ignore,
}
