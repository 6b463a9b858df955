using System.Net.Sockets;
using System.Text;
using SemCache.Tests.Infrastructure;

namespace SemCache.Tests;

/// <summary>A corpus of malformed and hostile request targets: never a 5xx, never anything stored.</summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    public static TheoryData<string> Targets() => new()
    {
        "/prompt/%ZZ",
        "/prompt/%",
        "/prompt/abc%2",
        "/prompt/%C3%28",
        "/prompt/%ED%A0%80surrogate",
        "/prompt/%FF%FE",
        "/prompt/nul%00byte",
        "/prompt/bell%07",
        "/prompt/%1B%5B31mred",
        "/prompt/",
        "/prompt/%20%20%20",
        "/prompt/" + new string('x', 2001),
        "/prompt/cat?width=0",
        "/prompt/cat?width=99999999999999999999",
        "/prompt/cat?height=abc",
        "/prompt/cat?seed=1.5",
        "/prompt/cat?seed=9999999999999999999999",
        "/prompt/cat?seed=1&seed=1",
        "/prompt/cat?width=512&width=512",
        "/prompt/cat?image=javascript:alert(1)",
        "/prompt/cat?image=file:///etc/passwd",
        "/prompt/cat?model=../../../etc/passwd",
        "/prompt/cat?model=",
        "/prompt/cat?quality=%00",
        "/prompt/cat?enhance=perhaps",
        "/prompt/cat?%ZZ=1",
        "/prompt/cat?=novalue",
        "/prompt/cat?guidance_scale=Infinity",
        "/prompt/%2e%2e%2f%2e%2e%2fetc%2fpasswd?width=%ZZ",
        "/explain/%ZZ",
        "/explain/cat?width=-1",
        "/images/..%2F..%2Fetc%2Fpasswd",
        "/images/XYZ",
    };

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Hostile_targets_get_a_4xx_problem_and_store_nothing(string target)
    {
        await using var server = await CacheServer.StartAsync(_data.Path);
        var (status, headers) = await RawGetAsync(server.Client.BaseAddress!, target);
        Assert.InRange(status, 400, 499);
        if (status == 400 && !headers.Contains("Content-Length: 0", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Contains("application/problem+json", headers, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(0, server.Origin.Calls);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_data.Path, "images"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_prompt_that_looks_like_a_path_is_just_text()
    {
        await using var server = await CacheServer.StartAsync(_data.Path);
        var (status, _) = await RawGetAsync(server.Client.BaseAddress!, "/prompt/%2e%2e%2f%2e%2e%2fetc%2fpasswd");
        Assert.Equal(200, status);
        Assert.Equal("../../etc/passwd", server.Origin.Requests.Single().CanonicalPrompt);
        var outside = Path.GetFullPath(Path.Combine(_data.Path, ".."));
        Assert.DoesNotContain(Directory.EnumerateFiles(outside, "passwd*", SearchOption.TopDirectoryOnly), _ => true);
    }

    /// <summary>Sends the target byte for byte (HttpClient would re-escape it).</summary>
    private static async Task<(int Status, string Headers)> RawGetAsync(Uri baseAddress, string target)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(baseAddress.Host, baseAddress.Port);
        await using var stream = tcp.GetStream();
        var request = $"GET {target} HTTP/1.1\r\nHost: {baseAddress.Authority}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        var statusLine = text.Split("\r\n")[0];
        var headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return (int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), headerEnd < 0 ? text : text[..headerEnd]);
    }
}
