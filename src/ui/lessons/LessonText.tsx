import { useMemo } from 'react';
import { useLab } from '../lab-context';
import { lessonBlocks, type Block } from './markdown';

/** A runnable shell block: each kubectl line has a button that runs it in the terminal. */
function ShellBlock({ block }: { block: Extract<Block, { kind: 'shell' }> }) {
  const send = useLab((s) => s.sendToTerminal);
  const shown = useLab((s) => s.settings.panels.includes('terminal') && !s.settings.readOnly);
  return (
    <pre className="lesson-code lesson-shell">
      <code>
        {block.lines.map(({ text, command }, i) => (
          <span key={i} className="lesson-shell-line">
            <span className="lesson-shell-text">{text}</span>
            {shown && command !== null && (
              <button
                type="button"
                className="lesson-run"
                title="Type this line into the terminal and run it"
                aria-label={`Run in the terminal: ${command}`}
                onClick={() => send(command, true)}
              >
                ▶ Run
              </button>
            )}
          </span>
        ))}
      </code>
    </pre>
  );
}

/** A YAML block with a button that opens it in the editor. */
function YamlBlock({ text }: { text: string }) {
  const editor = useLab((s) => s.editor);
  const shown = useLab((s) => s.settings.panels.includes('editor') && !s.settings.readOnly);
  return (
    <div className="lesson-code">
      <div className="lesson-code-head">
        <span>YAML</span>
        {shown && (
          <button
            type="button"
            className="lesson-run"
            onClick={() => {
              editor.getState().setManifest(text);
              editor.getState().setOpen(true);
            }}
          >
            Open in editor
          </button>
        )}
      </div>
      <pre>
        <code>{text}</code>
      </pre>
    </div>
  );
}

/** Lesson markdown, rendered and sanitized, with its code blocks runnable. */
export function LessonText({ markdown }: { markdown: string }) {
  const blocks = useMemo(() => lessonBlocks(markdown), [markdown]);
  return (
    <div className="lesson-text">
      {blocks.map((block, i) => {
        switch (block.kind) {
          case 'html':
            // Sanitized by DOMPurify in lessonBlocks.
            return <div key={i} dangerouslySetInnerHTML={{ __html: block.html }} />;
          case 'shell':
            return <ShellBlock key={i} block={block} />;
          case 'yaml':
            return <YamlBlock key={i} text={block.text} />;
          case 'code':
            return (
              <pre key={i} className="lesson-code">
                <code>{block.text}</code>
              </pre>
            );
        }
      })}
    </div>
  );
}
