namespace SemCache.Core.Embedding;

/// <summary>
/// How much of a prompt an embedder can read. A prompt the model mostly cannot read (Chinese or emoji with an
/// English vocabulary) embeds to near noise, so two such prompts would "match"; they get the exact tier only.
/// </summary>
public interface IPromptCoverage
{
    /// <summary>Share of the prompt's word pieces the model knows, from 0 to 1.</summary>
    double KnownTokenShare(string prompt);

    /// <summary>Identifies the model and its version; stored with every vector.</summary>
    string EmbedderId { get; }

    /// <summary>True when the model maps translations to the same place (multilingual).</summary>
    bool IsMultilingual { get; }
}
