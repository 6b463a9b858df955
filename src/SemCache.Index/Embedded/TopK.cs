namespace SemCache.Index.Embedded;

/// <summary>
/// The k best (score, row) pairs seen so far, as a min-heap over caller-provided spans so a scan allocates nothing.
/// </summary>
internal ref struct TopK
{
    private readonly Span<float> _scores;
    private readonly Span<int> _rows;
    private int _count;

    public TopK(Span<float> scores, Span<int> rows)
    {
        _scores = scores;
        _rows = rows;
        _count = 0;
    }

    public readonly int Count => _count;

    /// <summary>The score a new row must beat to enter, or -infinity while there is room.</summary>
    public readonly float Threshold => _count < _scores.Length ? float.NegativeInfinity : _scores[0];

    public void Offer(float score, int row)
    {
        if (_count < _scores.Length)
        {
            var i = _count++;
            _scores[i] = score;
            _rows[i] = row;
            SiftUp(i);
        }
        else if (score > _scores[0])
        {
            _scores[0] = score;
            _rows[0] = row;
            SiftDown(0, _count);
        }
    }

    /// <summary>Turns the heap into a best-first list in place (heap sort) and returns how many there are.</summary>
    public int SortDescending()
    {
        for (var end = _count - 1; end > 0; end--)
        {
            Swap(0, end);
            SiftDown(0, end);
        }

        return _count;
    }

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (_scores[parent] <= _scores[i])
            {
                return;
            }

            Swap(parent, i);
            i = parent;
        }
    }

    private void SiftDown(int i, int length)
    {
        while (true)
        {
            var smallest = i;
            var left = (2 * i) + 1;
            var right = left + 1;
            if (left < length && _scores[left] < _scores[smallest])
            {
                smallest = left;
            }

            if (right < length && _scores[right] < _scores[smallest])
            {
                smallest = right;
            }

            if (smallest == i)
            {
                return;
            }

            Swap(i, smallest);
            i = smallest;
        }
    }

    private readonly void Swap(int a, int b)
    {
        (_scores[a], _scores[b]) = (_scores[b], _scores[a]);
        (_rows[a], _rows[b]) = (_rows[b], _rows[a]);
    }
}
