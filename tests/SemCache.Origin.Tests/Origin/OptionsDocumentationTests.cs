using SemCache.Origin;

namespace SemCache.Tests.Origin;

public sealed class OptionsDocumentationTests
{
    [Theory]
    [InlineData(typeof(DemoOriginOptions))]
    [InlineData(typeof(HttpOriginOptions))]
    [InlineData(typeof(OpenAiOriginOptions))]
    public void EveryOption_HasARowInDocsOrigins(Type options)
    {
        var rows = File.ReadAllLines(FindDoc()).Where(l => l.StartsWith("| `", StringComparison.Ordinal)).ToList();

        foreach (var property in options.GetProperties())
        {
            Assert.Contains(rows, r => r.StartsWith($"| `{property.Name}` |", StringComparison.Ordinal));
        }
    }

    private static string FindDoc()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "docs", "origins.md");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("docs/origins.md not found above " + AppContext.BaseDirectory);
    }
}
