using System;
using System.Text.Json;

namespace Defender365Typed.Results;

/// <summary>What one step of the envelope parser produced.</summary>
internal enum StepResult
{
    Row,
    NeedMoreData,
    Done,
}

// The envelope: the one state machine over a hunting response (Graph schema/results, legacy Stats/Schema/Results),
// for typed and untyped rows alike; the legacy Stats is read for its figures (HuntingRowReader.Stats.cs), other
// properties are skipped, and each step ends on a row or at the end.
public ref partial struct HuntingRowReader
{
    /// <summary>Advances to the next row, or to the end of the response.</summary>
    internal StepResult Step<TRow>(out TRow row)
        where TRow : IHuntingReadable<TRow>
    {
        HuntingReadState s = _state;
        while (true)
        {
            if (!_isFinal)
            {
                _checkpointState = _json.CurrentState;
                _checkpointOffset = _json.BytesConsumed;
            }

            switch (s.Phase)
            {
                case EnvelopePhase.Rows:
                    if (!_json.Read())
                    {
                        goto NeedMore;
                    }

                    if (_json.TokenType == JsonTokenType.StartObject)
                    {
                        s.BeginRow();
                        if (!TRow.TryReadRow(ref this, out row))
                        {
                            return StepResult.NeedMoreData;
                        }

                        s.EndRow();
                        return StepResult.Row;
                    }

                    if (_json.TokenType == JsonTokenType.EndArray)
                    {
                        s.Phase = EnvelopePhase.Root;
                        continue;
                    }

                    s.InRow = true;
                    s.NamePosition = -1;
                    throw Error($"a row must be a JSON object, found {_json.TokenType}");

                case EnvelopePhase.Start:
                    if (!_json.Read())
                    {
                        goto NeedMore;
                    }

                    if (_json.TokenType != JsonTokenType.StartObject)
                    {
                        throw Error($"the response must be a JSON object with a schema and results, found {_json.TokenType}");
                    }

                    s.Phase = EnvelopePhase.Root;
                    continue;

                case EnvelopePhase.Root:
                    if (!_json.Read())
                    {
                        goto NeedMore;
                    }

                    if (_json.TokenType == JsonTokenType.EndObject)
                    {
                        if (!s.SawResults)
                        {
                            throw Error("the response has no results array ('results' or 'Results')");
                        }

                        s.Phase = EnvelopePhase.End;
                        continue;
                    }

                    switch (ClassifyEnvelopeName())
                    {
                        case 1:
                            if (s.SawResults)
                            {
                                if (s.Schema.Columns.Count == 0)
                                {
                                    // A row type that declares no columns (untyped rows) has nothing to check against it.
                                    if (!_json.Read() || !_json.TrySkip())
                                    {
                                        goto NeedMore;
                                    }

                                    continue;
                                }

                                throw Error("'schema' comes after 'results'; rows cannot be checked against it");
                            }

                            if (s.SawSchema)
                            {
                                throw Error("the response has two schemas");
                            }

                            if (!TryReadResponseSchema())
                            {
                                goto NeedMore;
                            }

                            continue;

                        case 2:
                            if (s.SawResults)
                            {
                                throw Error("the response has two results arrays");
                            }

                            if (!s.SawSchema && s.Options.RequireSchema && s.Schema.Columns.Count > 0)
                            {
                                throw Error("'results' comes before 'schema' (or there is no schema); set RequireSchema = false to read rows without one");
                            }

                            if (!_json.Read())
                            {
                                goto NeedMore;
                            }

                            if (_json.TokenType != JsonTokenType.StartArray)
                            {
                                throw Error($"'results' must be an array, found {_json.TokenType}");
                            }

                            s.SawResults = true;
                            s.Phase = EnvelopePhase.Rows;
                            continue;

                        case 3:
                            if (!TryReadStats())
                            {
                                goto NeedMore;
                            }

                            continue;

                        default:
                            if (!_json.Read() || !_json.TrySkip())
                            {
                                goto NeedMore;
                            }

                            continue;
                    }

                default:
                    if (_json.Read())
                    {
                        throw Error("unexpected content after the response object");
                    }

                    if (_isFinal)
                    {
                        row = default!;
                        return StepResult.Done;
                    }

                    goto NeedMore;
            }
        }

    NeedMore:
        row = default!;
        return StepResult.NeedMoreData;
    }

    /// <summary>1 for schema/Schema, 2 for results/Results, 3 for the legacy Stats, 0 otherwise (ASCII case-insensitive).</summary>
    private readonly int ClassifyEnvelopeName()
    {
        ReadOnlySpan<byte> name = StringBytes();
        if (name.Length == 6 && AsciiEqualsIgnoreCase(name, "schema"u8))
        {
            return 1;
        }

        if (name.Length == 7 && AsciiEqualsIgnoreCase(name, "results"u8))
        {
            return 2;
        }

        if (name.Length == 5 && AsciiEqualsIgnoreCase(name, "stats"u8))
        {
            return 3;
        }

        return 0;
    }

    private static bool AsciiEqualsIgnoreCase(ReadOnlySpan<byte> value, ReadOnlySpan<byte> lower)
    {
        for (int i = 0; i < value.Length; i++)
        {
            if ((value[i] | 0x20) != lower[i])
            {
                return false;
            }
        }

        return true;
    }
}
