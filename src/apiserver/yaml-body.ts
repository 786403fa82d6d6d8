// YAML request bodies. The yaml library composes documents recursively: nested deep enough it
// overflows the stack (and a regular expression compiled on an exhausted stack aborts the whole
// process), and a recursive alias (`&d {x: *d}`) composes to a cyclic value. So the parse is
// driven here: its (iterative) syntax parser is stopped as soon as its stack of open collections
// passes the bound, before the composer recurses, and aliases that point into their own anchor
// are refused; both are 400 like any other YAML that upstream cannot convert.
import {
  Composer, isAlias, isMap, isPair, isSeq, Lexer, LineCounter, Parser, type CST, type Document,
} from 'yaml';
import { BadRequestError } from '../machinery/errors.js';
import { assertBodyDepth, MAX_BODY_DEPTH } from '../machinery/nesting.js';

function yamlError(message: string): BadRequestError {
  return new BadRequestError(`error converting YAML to JSON: ${message}`);
}

/** The syntax tokens of text; throws once more than max collections are open at once. */
function* boundedTokens(text: string, parser: Parser, max: number): Generator<CST.Token> {
  for (const lexeme of new Lexer().lex(text)) {
    yield* parser.next(lexeme);
    // the stack holds the document, the open collections and at most one scalar being read
    if (parser.stack.length > max + 2) throw yamlError(`yaml: exceeded max depth of ${max}`);
  }
  yield* parser.end();
}

/** The one document in text, with errors placed by line and column. */
function parseOne(text: string): Document.Parsed {
  const lines = new LineCounter();
  const parser = new Parser(lines.addNewLine);
  let doc: Document.Parsed | undefined;
  for (const d of new Composer().compose(boundedTokens(text, parser, MAX_BODY_DEPTH), true, text.length)) {
    if (doc) throw yamlError('Source contains multiple documents; please use YAML.parseAllDocuments()');
    doc = d;
  }
  const [error] = (doc as Document.Parsed).errors;
  if (error) {
    const { line, col } = lines.linePos(error.pos[0]);
    throw yamlError(`${error.message.split('\n')[0]} at line ${line}, column ${col}`);
  }
  return doc as Document.Parsed;
}

/** The anchor of the first alias found inside the node it names, if any. */
function selfReferentAnchor(doc: Document): string | undefined {
  // depth-first with an explicit stack; a CLOSE entry ends the node pushed just before it
  const path = new Set<unknown>();
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const node = stack.pop();
    if (node === undefined) continue;
    if (node === CLOSE) {
      path.delete(stack.pop());
      continue;
    }
    if (isAlias(node)) {
      if (path.has(node.resolve(doc))) return node.source;
      continue;
    }
    if (!isMap(node) && !isSeq(node) && !isPair(node)) continue;
    path.add(node);
    stack.push(node, CLOSE);
    if (isPair(node)) stack.push(node.value ?? undefined, node.key ?? undefined);
    else for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
  }
  return undefined;
}
const CLOSE = Symbol('close');

/** Parses one YAML document into a plain value; anything upstream would not convert is 400. */
export function parseYamlBody(text: string): unknown {
  const doc = parseOne(text);
  const anchor = selfReferentAnchor(doc);
  if (anchor !== undefined) throw yamlError(`yaml: anchor '${anchor}' value contains itself`);
  let value: unknown;
  try {
    value = doc.toJS();
  } catch (e) {
    throw yamlError((e as Error).message.split('\n')[0]);
  }
  assertBodyDepth(value);
  return value;
}
