using SemCache.Matching;

namespace SemCache.Tests.Matching;

public sealed class QuotedTextGuardTests
{
    private readonly QuotedTextGuard _guard = new();

    [Theory]
    [InlineData("a sign saying \"OPEN\"", "a sign saying \"CLOSED\"")]
    [InlineData("a sign saying \"OPEN\"", "a sign saying \"open\"")]
    [InlineData("a sign saying \"OPEN\"", "a sign")]
    [InlineData("a poster with “Hello World”", "a poster with “Hello, World”")]
    public void Different_quoted_text_fails(string query, string candidate) => GuardAssert.Fails(_guard, query, candidate);

    [Theory]
    [InlineData("a sign saying \"OPEN\"", "a signboard that reads \"OPEN\"")]
    [InlineData("a poster with “Hello World”", "a poster with \"Hello World\"")]
    [InlineData("a red car", "a car that is red")]
    public void Identical_quoted_text_passes(string query, string candidate) => GuardAssert.Passes(_guard, query, candidate);
}
