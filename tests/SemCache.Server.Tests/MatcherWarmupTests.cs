using SemCache.Tests.Infrastructure;

namespace SemCache.Tests;

/// <summary>The matcher's word data is loaded at start, in the background, so no first request waits for it.</summary>
public sealed class MatcherWarmupTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task The_server_loads_the_word_data_after_start_without_a_request()
    {
        await using var server = await CacheServer.StartAsync(_data.Path);

        // No request is made: only the background warm-up can load it. Polled, not timed: the suite's machines are slow.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (!server.Logs.Lines.Any(l => l.Contains("Matcher word data loaded", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain(server.Logs.Lines, l => l.Contains("Loading the matcher's word data failed", StringComparison.Ordinal));
            await Task.Delay(100, timeout.Token);
        }
    }
}
