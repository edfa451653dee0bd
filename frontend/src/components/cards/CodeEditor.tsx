import {javascript} from '@codemirror/lang-javascript';
import CodeMirror from '@uiw/react-codemirror';

/** CodeEditorProps are the props of CodeEditor. */
export interface CodeEditorProps {
  value: string;
  onChange: (value: string) => void;
  /** The accessible name of the editor. */
  label: string;
  theme: 'light' | 'dark';
  readOnly?: boolean;
}

const extensions = [javascript()];

/**
 * CodeEditor is a CodeMirror 6 editor for card code (JavaScript), with line
 * numbers, bracket matching and undo history.
 */
export function CodeEditor({value, onChange, label, theme, readOnly = false}: CodeEditorProps) {
  return (
    <div className="cc-editor" data-testid="code-editor">
      <CodeMirror
        value={value}
        onChange={onChange}
        extensions={extensions}
        theme={theme}
        readOnly={readOnly}
        minHeight="16rem"
        maxHeight="32rem"
        aria-label={label}
        basicSetup={{foldGutter: false, autocompletion: false}}
      />
    </div>
  );
}
