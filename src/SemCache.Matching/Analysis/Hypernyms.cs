using System.Collections.Frozen;

namespace SemCache.Matching;

/// <summary>
/// A general word and the specific words it covers ("person" covers "woman"). The picture drawn for the specific
/// word is a picture of the general one, so a query saying "a person on a bench" may be served the image stored for
/// "a woman on a bench" — never the other way round (the stored "person" may well be a man). Curated from common
/// COCO caption nouns; siblings ("man"/"woman", "cat"/"dog") never match each other.
/// </summary>
internal static class Hypernyms
{
    private static readonly string[] Groups =
    [
        "person: man woman boy girl child guy lady player skier surfer skateboarder snowboarder rider biker cyclist " +
            "adult teenager teen tourist pedestrian batter pitcher catcher officer policeman soldier worker chef cook",
        "child: boy girl toddler baby",
        "player: batter pitcher catcher",
        "animal: dog puppy cat kitten horse pony cow calf sheep lamb elephant giraffe zebra bear bird",
        "dog: puppy",
        "cat: kitten",
        "horse: pony",
        "sheep: lamb",
        "bird: seagull gull pigeon duck goose parrot owl eagle sparrow",
        "vehicle: car truck bus van motorcycle bicycle train airplane boat",
        "boat: sailboat canoe kayak ship",
        "food: pizza sandwich hamburger hotdog donut cake salad apple banana orange broccoli carrot",
        "fruit: apple banana orange pear grape kiwi papaya pineapple mango strawberry lemon lime peach",
        "vegetable: broccoli carrot onion potato tomato lettuce cucumber zucchini cauliflower",
        "dessert: cake donut pie cupcake",
        "water: ocean sea lake river pool wave",
        "drink: water coffee juice soda beer wine tea",
        "beverage: water coffee juice soda beer wine tea",
        "furniture: chair sofa bed table bench desk",
        "utensil: fork knife spoon",
        "dish: plate bowl",
        "bag: handbag backpack purse suitcase",
        "luggage: suitcase bag",
        "appliance: microwave oven toaster refrigerator",
        "device: laptop phone remote keyboard tv",
        "phone: iphone smartphone",
        "computer: laptop desktop",
        "tree: palm pine oak",
        "flower: rose tulip daisy sunflower",
        "building: house church tower skyscraper",
    ];

    private static readonly FrozenSet<string> Pairs = Build();

    /// <summary>Whether <paramref name="general"/> covers <paramref name="specific"/> (both canonical lemmas).</summary>
    public static bool Covers(string general, string specific) => Pairs.Contains(general + ">" + specific);

    private static FrozenSet<string> Build()
    {
        var pairs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in Groups)
        {
            var colon = group.IndexOf(':', StringComparison.Ordinal);
            var general = Lemma(group[..colon]);
            foreach (var word in group[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                pairs.Add(general + ">" + Lemma(word));
            }
        }

        return pairs.ToFrozenSet(StringComparer.Ordinal);
    }

    private static string Lemma(string word) => Synonyms.Canonical(Lemmatizer.Stem(word, out _, out _));
}
