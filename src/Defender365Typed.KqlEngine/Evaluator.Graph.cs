using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Defender365Typed.KqlFrontEnd;

namespace Defender365Typed.KqlEngine;

/// <summary>
/// <c>Edges | make-graph Source --> Target [with Nodes on Id, ...] | graph-match Pattern [where P] project ...</c>, as
/// the KQL reference (make-graph-operator.md, graph-match-operator.md) describes it. Each edge row is an edge with its
/// columns as properties; each node row a node (a node only an edge names has empty properties; the same id in
/// several node tables is one node). The pattern is a chain of <c>(n)</c> nodes and <c>-[e]-&gt;</c>, <c>&lt;-[e]-</c>,
/// <c>-[e]-</c>, <c>--&gt;</c>, <c>&lt;--</c>, <c>--</c> edges, <c>-[e*min..max]-&gt;</c> for a variable length (its
/// properties are arrays along the path); a match never uses an edge twice. <c>n.Property</c> reads a property in the
/// where and project clauses. Other graph syntax (labels, several patterns, cycles=) is a typed "unsupported" error.
/// </summary>
internal sealed partial class Evaluator
{
    private sealed class Graph(List<KqlResultColumn> nodeColumns, List<object?[]> nodes, KqlResultTable edges, int[] sources, int[] targets)
    {
        public List<KqlResultColumn> NodeColumns { get; } = nodeColumns;

        public List<object?[]> Nodes { get; } = nodes;

        public KqlResultTable Edges { get; } = edges;

        /// <summary>The node index of each edge's source and target.</summary>
        public int[] Sources { get; } = sources;

        public int[] Targets { get; } = targets;

        public List<int>[] Outgoing { get; } = Adjacency(nodes.Count, sources);

        public List<int>[] Incoming { get; } = Adjacency(nodes.Count, targets);

        private static List<int>[] Adjacency(int count, int[] ends)
        {
            List<int>[] lists = Enumerable.Range(0, count).Select(_ => new List<int>()).ToArray();
            for (int e = 0; e < ends.Length; e++)
            {
                lists[ends[e]].Add(e);
            }

            return lists;
        }
    }

    private const int MaxHops = 64;

    /// <summary>One edge of a pattern: its variable, direction (1 forward, -1 backward, 0 either) and hop counts.</summary>
    private sealed record EdgeStep(string? Name, int Direction, int Min, int Max, bool VariableLength);

    private KqlResultTable GraphMatch(KqlResultTable edges, OperatorNode make, OperatorNode match)
    {
        Graph graph = MakeGraph(edges, make);
        List<Token> tokens = TokensAfterKeyword(match);
        int where = TopLevelIndexOf(tokens, "where");
        int project = TopLevelIndexOf(tokens, "project");
        if (tokens.Count > 0 && tokens[0].Is("cycles"))
        {
            throw new KqlEngineException("unsupported operator 'graph-match cycles='", _text, tokens[0].Start, tokens[0].Length);
        }

        int patternEnd = where >= 0 ? where : project;
        if (project < 0 || patternEnd <= 0 || match.Checked.Count == 0)
        {
            throw Error(match, "'graph-match' needs a pattern and a project clause.");
        }

        (List<string?> nodeNames, List<EdgeStep> steps) = ReadPattern(tokens[0].Start, tokens[patternEnd - 1].End);
        Expr? predicate = where >= 0 ? match.Checked[0] : null;
        // An unnamed n.Property is named n_Property.
        List<Expr> projection = match.Checked.Skip(where >= 0 ? 1 : 0)
            .Select(e => e is DotExpr && DerivedName(e) is { } derived ? new AssignExpr([new NameExpr(derived, e.Start, e.End)], e) { Start = e.Start, End = e.End } : e)
            .ToList();

        // The match row: each named node's properties, then each named edge's (arrays for a variable-length edge).
        var columns = new List<KqlResultColumn>();
        var nodeSlots = new List<(int Position, int First)>();
        var edgeSlots = new List<(int Step, int First)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int k = 0; k < nodeNames.Count; k++)
        {
            if (nodeNames[k] is { } name && seen.Add(name))
            {
                nodeSlots.Add((k, columns.Count));
                columns.AddRange(graph.NodeColumns.Select(c => new KqlResultColumn(name + "." + c.Name, c.Type)));
            }
        }

        for (int k = 0; k < steps.Count; k++)
        {
            if (steps[k].Name is { } name && seen.Add(name))
            {
                edgeSlots.Add((k, columns.Count));
                columns.AddRange(graph.Edges.Columns.Select(c => new KqlResultColumn(name + "." + c.Name, steps[k].VariableLength ? KqlScalarType.Dynamic : c.Type)));
            }
        }

        var scope = new Scope(columns);
        Scalar? test = predicate is null ? null : Compile(predicate, new Ctx(scope));
        var matches = new List<object?[]>();
        var boundNodes = new int[nodeNames.Count];
        var boundEdges = new List<int>[steps.Count];
        var used = new HashSet<int>();

        void Emit()
        {
            object?[] row = new object?[columns.Count];
            foreach ((int position, int first) in nodeSlots)
            {
                Array.Copy(graph.Nodes[boundNodes[position]], 0, row, first, graph.NodeColumns.Count);
            }

            foreach ((int step, int first) in edgeSlots)
            {
                for (int c = 0; c < graph.Edges.Columns.Count; c++)
                {
                    row[first + c] = steps[step].VariableLength
                        ? new DynamicArray(boundEdges[step].Select(e => Plain(graph.Edges.Rows[e][c])))
                        : graph.Edges.Rows[boundEdges[step][0]][c];
                }
            }

            if (test is null || test.Eval(row) is true)
            {
                matches.Add(row);
                if (matches.Count > _options.MaxWorkingRows)
                {
                    Budget.CountRows(matches.Count, match);
                }
            }
        }

        bool Bind(int position, int node)
        {
            string? name = nodeNames[position];
            int earlier = name is null ? -1 : nodeNames.IndexOf(name);
            boundNodes[position] = node;
            return earlier < 0 || earlier >= position || boundNodes[earlier] == node;
        }

        void Step(int k, int node)
        {
            if (k == steps.Count)
            {
                Emit();
                return;
            }

            var path = new List<int>();
            Walk(steps[k], node, path, end =>
            {
                if (Bind(k + 1, end))
                {
                    boundEdges[k] = path;
                    Step(k + 1, end);
                }
            });
        }

        void Walk(EdgeStep step, int node, List<int> path, Action<int> atEnd)
        {
            Budget.Tick(match);
            if (path.Count >= step.Min)
            {
                atEnd(node);
            }

            if (path.Count == step.Max)
            {
                return;
            }

            foreach ((int edge, int next) in Neighbours(graph, node, step.Direction))
            {
                if (used.Add(edge))
                {
                    path.Add(edge);
                    Walk(step, next, path, atEnd);
                    path.RemoveAt(path.Count - 1);
                    used.Remove(edge);
                }
            }
        }

        for (int node = 0; node < graph.Nodes.Count; node++)
        {
            Bind(0, node);
            Step(0, node);
        }

        return Project(Table(columns, matches), projection, extend: false);
    }

    private static IEnumerable<(int Edge, int Next)> Neighbours(Graph graph, int node, int direction)
    {
        if (direction >= 0)
        {
            foreach (int e in graph.Outgoing[node])
            {
                yield return (e, graph.Targets[e]);
            }
        }

        if (direction <= 0)
        {
            foreach (int e in graph.Incoming[node])
            {
                yield return (e, graph.Sources[e]);
            }
        }
    }

    /// <summary><c>Source --> Target [with Nodes on Id [, Nodes on Id]]</c>, read from the tokens.</summary>
    private Graph MakeGraph(KqlResultTable edges, OperatorNode op)
    {
        List<Token> tokens = TokensAfterKeyword(op);
        int target = tokens.FindIndex(1, t => t.Kind == TokenKind.Identifier);
        if (tokens.Count < 2 || tokens[0].Kind != TokenKind.Identifier || target < 0
            || string.Concat(_text[tokens[0].End..tokens[target].Start].Where(c => !char.IsWhiteSpace(c))) != "-->"
            || (target + 1 < tokens.Count && !tokens[target + 1].Is("with")))
        {
            throw new KqlEngineException("unsupported operator 'make-graph' with anything but 'Source --> Target [with Nodes on Id, ...]'", _text, op.KeywordStart, op.End - op.KeywordStart);
        }

        int sourceColumn = ColumnOf(edges, tokens[0]);
        int targetColumn = ColumnOf(edges, tokens[target]);
        var nodeColumns = new List<KqlResultColumn>();
        var nodeTables = new List<(KqlResultTable Table, int Id)>();
        if (target + 1 < tokens.Count)
        {
            foreach (List<Token> part in SplitTopLevel(tokens.GetRange(target + 2, tokens.Count - target - 2), ","))
            {
                int on = TopLevelIndexOf(part, "on");
                if (on < 1 || on != part.Count - 2 || part[^1].Kind != TokenKind.Identifier)
                {
                    throw Error(op, "'make-graph ... with' needs 'Nodes on IdColumn'.");
                }

                KqlResultTable nodes = EvalTabular(ParseFragment(part[0].Start, part[on - 1].End, op));
                nodeTables.Add((nodes, ColumnOf(nodes, part[^1])));
                nodeColumns.AddRange(nodes.Columns.Where(c => nodeColumns.All(x => x.Name != c.Name)));
            }
        }

        var index = new Dictionary<object, int>(ValueComparer.Instance!);
        var rows = new List<object?[]>();
        int NodeOf(object id)
        {
            if (!index.TryGetValue(id, out int node))
            {
                index[id] = node = rows.Count;
                rows.Add(nodeColumns.Select(c => Values.Coerce(null, c.Type)).ToArray());
            }

            return node;
        }

        foreach ((KqlResultTable table, int id) in nodeTables)
        {
            int[] map = nodeColumns.Select(c => table.IndexOf(c.Name)).ToArray();
            foreach (object?[] r in table.Rows)
            {
                Budget.Tick(op);
                if (r[id] is { } key)
                {
                    object?[] node = rows[NodeOf(key)];
                    for (int c = 0; c < map.Length; c++)
                    {
                        if (map[c] >= 0 && node[c] is null or "")
                        {
                            node[c] = r[map[c]];
                        }
                    }
                }
            }
        }

        // Edges whose source or target is null join no node and are left out.
        var kept = edges.Rows.Where(r => r[sourceColumn] is not null && r[targetColumn] is not null).ToList();
        int[] sources = kept.Select(r => NodeOf(r[sourceColumn]!)).ToArray();
        int[] targets = kept.Select(r => NodeOf(r[targetColumn]!)).ToArray();
        return new Graph(nodeColumns, rows, new KqlResultTable("", edges.Columns, kept), sources, targets);
    }

    private int ColumnOf(KqlResultTable table, Token name) =>
        table.IndexOf(name.Text) is var k and >= 0
            ? k
            : throw new KqlEngineException($"unknown column '{name.Text}'" + Suggest(name.Text, table.Columns.Select(c => c.Name)), _text, name.Start, name.Length);

    /// <summary>The pattern <c>(a)-[e]-&gt;(b)...</c> in <c>[from, to)</c> of the text: the node variables and the edges between them.</summary>
    private (List<string?> Nodes, List<EdgeStep> Edges) ReadPattern(int from, int to)
    {
        int p = from;
        var nodes = new List<string?>();
        var edges = new List<EdgeStep>();
        KqlEngineException Bad() => new(
            $"unsupported operator 'graph-match' with the pattern '{_text[from..to].Trim()}' (a chain of (n) and -[e]->, <-[e]-, -[e]-, -->, <--, --, [e*min..max])",
            _text, Math.Min(p, to - 1), 1);
        void Space()
        {
            while (p < to && char.IsWhiteSpace(_text[p]))
            {
                p++;
            }
        }

        bool Take(string s)
        {
            Space();
            if (p + s.Length <= to && string.CompareOrdinal(_text, p, s, 0, s.Length) == 0)
            {
                p += s.Length;
                return true;
            }

            return false;
        }

        string? Name()
        {
            Space();
            int start = p;
            while (p < to && (char.IsLetterOrDigit(_text[p]) || _text[p] == '_'))
            {
                p++;
            }

            return p > start ? _text[start..p] : null;
        }

        int Number() => int.TryParse(Name(), NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : throw Bad();

        while (true)
        {
            if (!Take("("))
            {
                throw Bad();
            }

            nodes.Add(Name());
            if (!Take(")"))
            {
                throw Bad();
            }

            Space();
            if (p >= to)
            {
                return (nodes, edges);
            }

            bool backward = Take("<-");
            if (!backward && !Take("-"))
            {
                throw Bad();
            }

            (string? name, int min, int max, bool variable) = (null, 1, 1, false);
            if (Take("["))
            {
                name = Name();
                if (Take("*"))
                {
                    variable = true;
                    min = Number();
                    max = Take("..") ? Number() : min;
                }

                if (!Take("]") || max < min)
                {
                    throw Bad();
                }

                if (max > MaxHops)
                {
                    // Paths are walked recursively: the bound keeps the stack small (the time budget bounds the work).
                    throw new KqlEngineException($"unsupported operator 'graph-match' with a variable-length edge of more than {MaxHops} hops", _text, from, to - from);
                }
            }

            bool forward = Take("->");
            if ((!forward && !Take("-")) || (forward && backward))
            {
                throw Bad();
            }

            edges.Add(new EdgeStep(name, forward ? 1 : backward ? -1 : 0, min, max, variable));
        }
    }
}
