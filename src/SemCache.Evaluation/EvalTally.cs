namespace SemCache.Evaluation;

/// <summary>Counts of one group of pairs.</summary>
internal sealed class EvalTally
{
    public int Positives { get; private set; }

    public int Negatives { get; private set; }

    public int TruePositives { get; private set; }

    public int FalseHits { get; private set; }

    public int Pairs => Positives + Negatives;

    public double? Recall => Positives == 0 ? null : (double)TruePositives / Positives;

    public double? FalseHitRate => Negatives == 0 ? null : (double)FalseHits / Negatives;

    public void Add(bool positive, bool served)
    {
        if (positive)
        {
            Positives++;
            TruePositives += served ? 1 : 0;
        }
        else
        {
            Negatives++;
            FalseHits += served ? 1 : 0;
        }
    }
}
