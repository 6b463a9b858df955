using SemCache.Evaluation;

namespace SemCache.Tests.Evaluation;

public sealed class PairFileTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"pairs-{Guid.NewGuid():N}.tsv");

    public void Dispose() => File.Delete(_path);

    private IReadOnlyList<LabelledPair> ReadText(string text)
    {
        File.WriteAllText(_path, text);
        return PairFile.Read(_path);
    }

    [Fact]
    public void Reads_rows()
    {
        var pairs = ReadText("a\tb\tlabel\tcategory\tlang\tsource\nred car\tcar that is red\t1\tsynonym\ten\tx:y\n\nred car\tblue car\t0\tcolor_change\ten\tx:z\n");
        Assert.Equal(2, pairs.Count);
        Assert.Equal(new LabelledPair("red car", "car that is red", 1, "synonym", "en", "x:y"), pairs[0]);
        Assert.False(pairs[1].IsPositive);
    }

    [Fact]
    public void A_bad_header_is_reported()
    {
        var e = Assert.Throws<InvalidDataException>(() => ReadText("a,b,label\nx,y,1\n"));
        Assert.Contains(":1: bad header", e.Message);
    }

    [Theory]
    [InlineData("x\ty\t1\tsynonym\ten\n", "expected 6 tab-separated columns")]
    [InlineData("x\ty\tyes\tsynonym\ten\ts\n", "label must be 0 or 1")]
    [InlineData("\ty\t1\tsynonym\ten\ts\n", "must not be empty")]
    public void A_bad_row_is_reported_with_its_line(string row, string message)
    {
        var e = Assert.Throws<InvalidDataException>(() => ReadText("a\tb\tlabel\tcategory\tlang\tsource\nok\tfine\t1\tc\ten\ts\n" + row));
        Assert.Contains(":3:", e.Message);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void An_empty_file_is_reported() =>
        Assert.Throws<InvalidDataException>(() => ReadText(""));
}
