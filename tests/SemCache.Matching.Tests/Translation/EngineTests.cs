using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using SemCache.Core.Index;
using SemCache.Evaluation;
using SemCache.Matching;
using SemCache.Matching.Translation;
using SemCache.Tests.Embedding;

namespace SemCache.Tests.Translation;

/// <summary>The optional engines: a LibreTranslate-protocol server on a real port, and the apertium program.</summary>
public sealed class EngineTests
{
    /// <summary>Speaks LibreTranslate's POST /translate: answers from a fixed table, records what it was asked.</summary>
    private static async Task<(WebApplication App, Uri Address, List<JsonElement> Requests)> StartLibreTranslateAsync(HttpStatusCode status = HttpStatusCode.OK)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var requests = new List<JsonElement>();
        app.MapPost("/translate", async (HttpContext context) =>
        {
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body);
            lock (requests)
            {
                requests.Add(body);
            }

            if (status != HttpStatusCode.OK)
            {
                return Results.StatusCode((int)status);
            }

            var text = body.GetProperty("q").GetString() switch
            {
                "gato naranja pequeño" => "Small orange cat",
                _ => "?",
            };
            return Results.Json(new Dictionary<string, string> { ["translatedText"] = text });
        });
        await app.StartAsync();
        return (app, new Uri(app.Urls.First() + "/"), requests);
    }

    [Fact]
    public async Task LibreTranslate_renders_through_its_http_api_and_is_asked_once_per_prompt()
    {
        var (app, address, requests) = await StartLibreTranslateAsync();
        await using var _ = app;
        var decider = new SemanticDecider(new MatchOptions { Translator = TranslatorFactory.LibreTranslate, TranslatorEndpoint = address });

        Assert.Equal("Small orange cat", decider.Render("gato naranja pequeño")!.Text);
        Assert.Equal("libretranslate", decider.Render("gato naranja pequeño")!.Engine);
        var request = Assert.Single(requests);
        Assert.Equal("es", request.GetProperty("source").GetString());
        Assert.Equal("en", request.GetProperty("target").GetString());
        Assert.Equal("text", request.GetProperty("format").GetString());
    }

    [Fact]
    public async Task A_failing_LibreTranslate_falls_back_to_the_dictionary_bridge()
    {
        var (app, address, _) = await StartLibreTranslateAsync(HttpStatusCode.InternalServerError);
        await using var __ = app;
        var rendering = new PromptRenderer(new LibreTranslateTranslator(address)).Render("petit chat orange", "fr");
        Assert.Equal("dictionary", rendering!.Engine);
        Assert.Equal("small orange cat", rendering.Text);
    }

    [Fact]
    public void LibreTranslate_needs_an_endpoint()
    {
        var errors = new MatchOptions { Translator = TranslatorFactory.LibreTranslate }.Validate();
        Assert.Contains(errors, e => e.Contains("TranslatorEndpoint", StringComparison.Ordinal));
        Assert.Contains(new MatchOptions { Translator = "babelfish" }.Validate(), e => e.Contains("Translator must be", StringComparison.Ordinal));
    }

    [Fact]
    public void Apertium_translates_spanish_and_french_as_a_subprocess()
    {
        // Apertium is an optional operator install (apt-get install apertium apertium-eng-spa apertium-fr-es);
        // scripts/test.sh installs it, so on the test machine this runs for real.
        if (!File.Exists("/usr/bin/apertium"))
        {
            Assert.Fail("apertium is not installed: apt-get install apertium apertium-eng-spa apertium-fr-es");
        }

        var apertium = new ApertiumTranslator();
        Assert.Equal("small orange cat", apertium.Translate("gato naranja pequeño", "es")!.Text);
        Assert.Equal("small orange cat", apertium.Translate("petit chat orange", "fr")!.Text);
        Assert.False(apertium.Supports("de"));
    }

    [Fact]
    public void A_missing_apertium_program_falls_back_to_the_dictionary_bridge()
    {
        var rendering = new PromptRenderer(new ApertiumTranslator("/nonexistent/apertium")).Render("gato naranja pequeño", "es");
        Assert.Equal("dictionary", rendering!.Engine);
    }

    [Fact]
    public async Task The_cross_language_verifier_judges_only_the_renderings_it_was_trained_on()
    {
        if (!File.Exists("/usr/bin/apertium"))
        {
            Assert.Fail("apertium is not installed: apt-get install apertium apertium-eng-spa apertium-fr-es");
        }

        // "photo" is a content word only the English side has: the guards reject, the verifier may still vouch.
        var pair = new LabelledPair("una silla verde", "a photo of a green chair", 1, "translation", "es-en", "test");
        var dictionary = new PairEvaluator(SharedEmbedder.Instance, new MatchOptions());
        var withApertium = new PairEvaluator(SharedEmbedder.Instance, new MatchOptions { Translator = TranslatorFactory.Apertium });

        Assert.True((await dictionary.EvaluateAsync([pair])).Recall > 0);
        var decision = withApertium.Decider.Decide(
            "una silla verde", withApertium.Decider.Profile("una silla verde", SharedEmbedder.Instance),
            [new IndexCandidate("c", "a photo of a green chair", "blob", 0.9f)], multilingualEmbedder: false);
        Assert.Null(decision.Match);
        Assert.Null(decision.Candidates[0].VerifierScore);
        Assert.Contains("not trained on apertium renderings", decision.Reason, StringComparison.Ordinal);
    }
}
