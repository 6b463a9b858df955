using SemCache.Matching;

namespace SemCache.Evaluation;

/// <summary>A pair with canonical prompts, their profiles and their similarity.</summary>
internal readonly record struct PreparedPair(string A, string B, PromptProfile QueryProfile, PromptProfile CandidateProfile, float Similarity);
