using System.Collections.Frozen;

namespace SemCache.Matching.Language;

/// <summary>
/// Small, distinctive function-word lists per Latin-script language. Shared words ("de", "la", "a") score for every
/// language that has them; the distinctive ones decide.
/// </summary>
internal static class LanguageStopWords
{
    public static readonly (string Code, FrozenSet<string> Words)[] Latin =
    [
        ("en", Set("a an the of and with in on at to is are was be by for from this that it its his her their there without no not near behind above below under left right photo picture")),
        ("es", Set("el la los las un una unos unas de del y con sin en es son por para que al se su sus muy pero como está están foto imagen dos tres rojo roja perro gato")),
        ("fr", Set("le la les un une des de du et avec sans en est sont pour que qui dans sur au aux ce cette il elle je ne pas photo image deux trois rouge chien chat")),
        ("de", Set("der die das ein eine einem einen einer des dem den und mit ohne ist sind von zu im auf für nicht ich es sie foto bild zwei drei rot roter roten hund katze")),
        ("it", Set("il lo gli uno una di con senza è sono per che nel sulla della foto immagine due tre rosso cane gatto")),
        ("pt", Set("os um uma de do da com sem em é são para que no na uma foto imagem dois três vermelho cão cachorro gato")),
        ("nl", Set("de het een van en met zonder is zijn op in voor niet dat foto afbeelding twee drie rood hond kat")),
    ];

    private static FrozenSet<string> Set(string words) =>
        words.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// The translation bridge's closed lists (colours, numbers, sizes, prepositions, frequent nouns) as further
    /// evidence for es, fr and de, so that short prompts such as "petit chat orange" are recognised; indexed like
    /// <see cref="Latin"/> (empty for the other languages).
    /// </summary>
    public static readonly FrozenSet<string>[] BridgeHints =
        [.. Latin.Select(l => Translation.BilingualLexicon.Supported.Contains(l.Code)
            ? Translation.BilingualLexicon.DistinctiveWords(l.Code).Except(l.Words).ToFrozenSet(StringComparer.Ordinal)
            : FrozenSet<string>.Empty)];
}
