namespace SemCache.Matching.Translation;

/// <summary>
/// The shipped offline bridge for Spanish, French and German: each word is glossed from the closed function-word
/// list or the FreeDict data (<see cref="BilingualLexicon"/>), and Romance adjectives that follow their noun are
/// moved before it ("gato naranja pequeño" → "small orange cat"), since the English analysis binds an adjective to
/// the noun after it. No network, no external process.
/// </summary>
public sealed class DictionaryTranslator : IPromptTranslator
{
    public static readonly DictionaryTranslator Instance = new();

    public string Name => "dictionary";

    public bool Supports(string language) => BilingualLexicon.Supported.Contains(language);

    public PromptRendering? Translate(string prompt, string language)
    {
        if (!Supports(language))
        {
            return null;
        }

        var lexicon = BilingualLexicon.For(language);
        var tokens = PromptWords.Split(prompt, language == "fr");
        var words = new List<(RenderedWord Word, LexiconEntry? Entry)>(tokens.Count);
        int known = 0, total = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!PromptWords.IsWord(token))
            {
                words.Add((new RenderedWord(token, token is "¿" or "¡" ? [] : [token]), null));
                continue;
            }

            total++;
            // Two-word closed entries first ("al lado", "à côté", "por qué").
            if (i + 1 < tokens.Count && PromptWords.IsWord(tokens[i + 1]) && lexicon.Closed(token.ToLowerInvariant() + " " + tokens[i + 1].ToLowerInvariant()) is { } pair)
            {
                words.Add((new RenderedWord(token + " " + tokens[i + 1], pair.Glosses), pair));
                known++;
                total++;
                i++;
                continue;
            }

            var entry = lexicon.Lookup(token);
            if (entry is null)
            {
                // Names, numbers and loan words pass through as written.
                words.Add((new RenderedWord(token, [token.ToLowerInvariant()]), null));
                continue;
            }

            known++;
            var glosses = entry.Glosses;
            if (!entry.ClosedList && !entry.Inflected && entry.IsNounLike && language is "es" or "fr" && IsRomancePlural(token) && !lexicon.IsHeadword(token.ToLowerInvariant()))
            {
                // Found through its stem: "lenguas" is the headword "lengua", so the gloss is made plural too.
                glosses = [.. glosses.Select(EnglishPlural)];
            }

            words.Add((new RenderedWord(token, glosses), entry));
        }

        if (language == "fr")
        {
            ReadFrenchNegation(words);
        }
        else if (language == "es")
        {
            ReadSpanishNegativeConcord(words);
        }

        if (language is "es" or "fr")
        {
            MoveAdjectivesBeforeNouns(words);
        }

        var rendered = words.Select(w => w.Word).ToArray();
        var text = PromptRendering.Join(rendered.Select(w => w.Glosses.Count > 0 ? w.Glosses[0] : ""));
        return new PromptRendering(language, Name, text, rendered) { Coverage = total == 0 ? 0 : (double)known / total };
    }

    /// <summary>
    /// French negation has two parts, "ne" before the verb and a second word after it, and the second word decides
    /// the meaning: "ne ... plus" is "no longer", "ne ... que" is "only", "ne ... personne" is "nobody". Without a
    /// "ne" before it in the clause, "personne" is "person" and "plus" stays "more"; a "ne" left alone (literary
    /// style) is "not".
    /// </summary>
    private static void ReadFrenchNegation(List<(RenderedWord Word, LexiconEntry? Entry)> words)
    {
        var pending = -1;
        for (var i = 0; i < words.Count; i++)
        {
            var source = words[i].Word.Source.ToLowerInvariant();
            if (source is "ne" or "n'")
            {
                pending = i;
                continue;
            }

            if (source.Length > 0 && !PromptWords.IsWord(source) && source is not ("-" or "'"))
            {
                // Punctuation ends the clause: a "ne" still waiting for its partner negates alone.
                Gloss(words, pending, "not");
                pending = -1;
                continue;
            }

            string? gloss = source switch
            {
                "pas" or "point" => "not",
                "plus" => "no longer",
                "jamais" => "never",
                "rien" => "nothing",
                "personne" => "nobody",
                "aucun" or "aucune" => "no",
                "guère" => "hardly",
                "que" or "qu'" => "only",
                _ => null,
            };
            if (pending >= 0 && gloss is not null)
            {
                Gloss(words, i, gloss);
                pending = -1;
            }
            else if (pending < 0 && source == "personne")
            {
                words[i] = (new RenderedWord(words[i].Word.Source, ["person"]), new LexiconEntry(["person"], "noun", true));
            }
        }

        Gloss(words, pending, "not");
    }

    /// <summary>
    /// Spanish negative concord: "no" before a negative word of the same clause ("no hay nada", "no vino nadie",
    /// "no lo veo nunca") does not negate a second time; English says it once ("there is nothing"). "ni" (nor) is not
    /// such a word: "no es feliz ni rico" keeps its "not".
    /// </summary>
    private static void ReadSpanishNegativeConcord(List<(RenderedWord Word, LexiconEntry? Entry)> words)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (!string.Equals(words[i].Word.Source, "no", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            for (var j = i + 1; j < words.Count; j++)
            {
                var source = words[j].Word.Source.ToLowerInvariant();
                if (source.Length > 0 && !PromptWords.IsWord(source))
                {
                    break; // punctuation ends the clause
                }

                if (source is "nada" or "nadie" or "nunca" or "jamás" or "ningún" or "ninguno" or "ninguna" or "ningunos" or "ningunas" or "tampoco")
                {
                    words[i] = (new RenderedWord(words[i].Word.Source, []), words[i].Entry);
                    break;
                }
            }
        }
    }

    private static void Gloss(List<(RenderedWord Word, LexiconEntry? Entry)> words, int index, string gloss)
    {
        if (index >= 0)
        {
            words[index] = (new RenderedWord(words[index].Word.Source, [gloss]), new LexiconEntry([gloss], "neg", true));
        }
    }

    private static bool IsRomancePlural(string word) => word.Length > 3 && (word.EndsWith('s') || word.EndsWith('x'));

    private static string EnglishPlural(string gloss)
    {
        if (gloss.Contains(' ', StringComparison.Ordinal) || gloss.EndsWith('s'))
        {
            return gloss;
        }

        return gloss.EndsWith("sh", StringComparison.Ordinal) || gloss.EndsWith("ch", StringComparison.Ordinal) || gloss.EndsWith('x') ? gloss + "es"
            : gloss.Length > 2 && gloss.EndsWith('y') && !"aeiou".Contains(gloss[^2], StringComparison.Ordinal) ? gloss[..^1] + "ies"
            : gloss + "s";
    }

    /// <summary>"noun adj adj" → "adj adj noun", the adjectives in reverse ("gato naranja pequeño" → small orange cat).</summary>
    private static void MoveAdjectivesBeforeNouns(List<(RenderedWord Word, LexiconEntry? Entry)> words)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i].Entry is not { IsNounLike: true } || words[i].Entry!.IsAdjective)
            {
                continue;
            }

            var end = i + 1;
            while (end < words.Count && words[end].Entry is { IsAdjective: true })
            {
                end++;
            }

            if (end == i + 1)
            {
                continue;
            }

            var noun = words[i];
            var adjectives = words.GetRange(i + 1, end - i - 1);
            adjectives.Reverse();
            words.RemoveRange(i, end - i);
            words.InsertRange(i, [.. adjectives, noun]);
            i = end - 1;
        }
    }
}
