namespace SemCache.Tests.Services;

/// <summary>Tests that stop a shared server run alone, so they break no other test's connections.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServiceFaultsCollection : ICollectionFixture<ServicesFixture>
{
    public const string Name = "service faults";
}
