using Microsoft.Extensions.AI;
using SemCache.Core.Embedding;

namespace SemCache.Embedding;

/// <summary>What the cache needs from an embedder: vectors, plus which prompts it can read and its stable id.</summary>
public interface IPromptEmbedder : IEmbeddingGenerator<string, Embedding<float>>, IPromptCoverage;
