using SemCache.Core.Requests;

namespace SemCache.Tests.Origin;

/// <summary>Builds real <see cref="ImageRequest"/>s through the public parser, as the server does.</summary>
internal static class Requests
{
    private static readonly RequestParser Parser = new(RequestLimits.Default);

    public static ImageRequest Parse(string target)
    {
        Assert.True(Parser.TryParseTarget(target, tenant: null, out var request, out var error), error?.Message);
        return request;
    }
}
