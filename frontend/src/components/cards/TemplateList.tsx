import type {CardTemplate} from '../../lib/cardcode';

/** TemplateListProps are the props of TemplateList. */
export interface TemplateListProps {
  templates: readonly CardTemplate[];
  /** onUse puts a template's code into the editor and adds its variables. */
  onUse: (t: CardTemplate) => void;
}

/** TemplateList offers ready-made rules to start from, with the variables each reads. */
export function TemplateList({templates, onUse}: TemplateListProps) {
  return (
    <ul className="cc-templates" data-testid="templates">
      {templates.map((t) => (
        <li key={t.id} className="box box--compact cc-template" data-testid={`template-${t.id}`}>
          <div>
            <p className="cc-template__name">{t.name}</p>
            <p className="muted">{t.description}</p>
            {t.env.length > 0 ? (
              <p className="hint cc-mono">{t.env.map((v) => `${v.key}=${v.value}`).join(', ')}</p>
            ) : null}
          </div>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => {
              onUse(t);
            }}
            data-testid="template-use"
          >
            Use<span className="visually-hidden"> the template {t.name}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
