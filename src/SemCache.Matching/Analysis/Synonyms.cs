using System.Collections.Frozen;

namespace SemCache.Matching;

/// <summary>
/// Words that draw the same picture, mapped to one representative stem. Kept small on purpose: every entry makes
/// the content guard more lenient, so an entry must be a true synonym in a picture, not a near neighbour.
/// </summary>
internal static class Synonyms
{
    private static readonly string[] Groups =
    [
        "photo picture image photograph pic snapshot shot",
        "sofa couch",
        "airplane plane aeroplane airliner jet aircraft",
        "bicycle bike",
        "motorcycle motorbike",
        "tv television",
        "cellphone phone smartphone telephone",
        "racket racquet",
        "child kid",
        "woman lady",
        "man guy",
        "large big",
        "small little",
        "automobile car",
        "road street",
        "laptop notebook",
        "refrigerator fridge",
        "lay lying lie",
        "person someone somebody individual",
        "bathroom restroom washroom",
        "hamburger burger",
        "shore seashore shoreline beach",
        "lawn yard",
        "row line",
        "controller control",
        "cat kitty",
        "ocean sea",
        "woman female",
        "man male",
        "sidewalk pavement",
    ];

    private static readonly FrozenDictionary<string, string> Map = Build();

    public static string Canonical(string stem) => Map.TryGetValue(stem, out var canonical) ? canonical : stem;

    private static FrozenDictionary<string, string> Build()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in Groups)
        {
            var words = group.Split(' ');
            var head = Lemmatizer.Stem(words[0], out _, out _);
            foreach (var word in words)
            {
                map[Lemmatizer.Stem(word, out _, out _)] = head;
            }
        }

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
