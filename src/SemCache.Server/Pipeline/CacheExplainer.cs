using System.Text.Encodings.Web;
using System.Text.Json;
using SemCache.Core.Requests;
using SemCache.Server.Hosting;

namespace SemCache.Server.Pipeline;

/// <summary>Runs the tiers' lookups without the origin and reports each step (explain endpoint and `semcache lookup`).</summary>
public sealed class CacheExplainer(ExactTier exact, SemanticTier semantic, SemCacheSettings settings)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,

        // Read by people (curl, semcache lookup): guard reasons and prompts keep &, ' and > instead of \u0026 escapes.
        // Served as application/json only, never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public async Task<Explanation> ExplainAsync(ImageRequest request, CancellationToken cancellationToken)
    {
        var exactHit = !request.IsPrivate && await exact.LookupAsync(request.Key, cancellationToken) is not null;
        var searchAllowed = !(settings.SeedPolicy == SeedPolicy.ExactOnly && request.HasExplicitSeed);
        var lookup = await semantic.LookupAsync(request, searchAllowed, cancellationToken);
        var decision = lookup.Decision;
        // Explain what this server would answer: in shadow mode a would-have-hit is still a miss (the candidates
        // and checks are listed all the same); with the semantic tier off nothing is served from it.
        var mode = semantic.Decider.Options.Mode;
        var final = request.IsPrivate ? "bypass"
            : exactHit ? "exact-hit"
            : decision?.IsHit == true && mode == Matching.SemanticModes.Serve ? "semantic-hit"
            : "miss";
        var semanticReason = mode switch
        {
            Matching.SemanticModes.Off => "semantic-off",
            Matching.SemanticModes.Shadow when decision?.IsHit == true => "shadow: would have served " + decision.Match!.Key + " (" + decision.Reason + ")",
            _ => lookup.SkipReason ?? decision?.Reason ?? "no candidates",
        };
        return new Explanation
        {
            Key = request.Key,
            Partition = request.Partition,
            PartitionDescription = request.PartitionDescription,
            Prompt = request.CanonicalPrompt,
            Language = lookup.Profile?.Language,
            EnglishRendering = lookup.Profile?.Rendering,
            KnownTokenShare = lookup.Profile?.KnownTokenShare,
            SemanticEligible = lookup.Profile?.SemanticEligible ?? false,
            EmbedderId = semantic.EmbedderId,
            ExactHit = exactHit,
            Threshold = semantic.Decider.Options.Threshold,
            VerifierCutoff = semantic.Decider.VerifierCutoff,
            Candidates = decision?.Candidates.Select(c => new ExplainedCandidate(
                c.Candidate.Key,
                c.Candidate.Prompt,
                c.Candidate.Similarity,
                c.AboveThreshold,
                c.Served,
                c.Guards.Select(g => new ExplainedGuard(g.Guard, g.Passed, g.Reason)).ToList(),
                c.Links.Select(l => l.ToString()).ToList(),
                c.VerifierScore,
                c.Candidate.SearchedSimilarity)).ToList() ?? [],
            Decision = final,
            Reason = exactHit ? "exact key found" : semanticReason,
        };
    }
}
