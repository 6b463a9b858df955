using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SemCache.Tests.Infrastructure;

namespace SemCache.Tests.Review;

/// <summary>The review API as the page (or a script with the admin token) calls it.</summary>
internal static class ReviewApi
{
    public const string Token = "review-test-token-0123456789abcdef";

    public static HttpRequestMessage Request(HttpMethod method, string path, string? token = Token)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    public static async Task<JsonElement[]> PairsAsync(CacheServer server, string query = "labelled=any")
    {
        var response = await server.Client.SendAsync(Request(HttpMethod.Get, "/dashboard/review/pairs?" + query));
        response.EnsureSuccessStatusCode();
        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return [.. root.GetProperty("pairs").EnumerateArray()];
    }

    /// <summary>Pairs are written in the background: waits (up to 10 s) until at least <paramref name="count"/> are listed.</summary>
    public static async Task<JsonElement[]> WaitForPairsAsync(CacheServer server, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        JsonElement[] pairs;
        do
        {
            pairs = await PairsAsync(server);
            if (pairs.Length >= count)
            {
                return pairs;
            }

            await Task.Delay(20);
        }
        while (DateTime.UtcNow < deadline);
        return pairs;
    }

    public static Task<HttpResponseMessage> LabelAsync(CacheServer server, string id, bool acceptable, string? reviewer)
    {
        var request = Request(HttpMethod.Post, "/dashboard/review/pairs/" + id + "/label");
        request.Content = JsonContent.Create(reviewer is null ? new { acceptable } : (object)new { acceptable, reviewer });
        return server.Client.SendAsync(request);
    }

    public static async Task<JsonElement> SummaryAsync(CacheServer server)
    {
        var response = await server.Client.SendAsync(Request(HttpMethod.Get, "/dashboard/review/summary"));
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    /// <summary>Waits (up to 10 s) until the image is readable: shadow-mode images are written in the background.</summary>
    public static async Task<byte[]> ImageAsync(CacheServer server, string path)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var response = await server.Client.GetAsync(path);
            if (response.IsSuccessStatusCode || DateTime.UtcNow > deadline)
            {
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadAsByteArrayAsync();
            }

            await Task.Delay(20);
        }
    }
}
