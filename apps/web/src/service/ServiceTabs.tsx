import { SERVICE_TAB_LABEL, SERVICE_TABS, type ServiceTab } from '../app/route.ts';

/** The Service page's tabs: picked by click, or moved along with the left and right arrows. */
export function ServiceTabs({
  tab: selected,
  onSelect,
}: {
  tab: ServiceTab;
  onSelect: (tab: ServiceTab) => void;
}) {
  return (
    <div className="tabs" role="tablist" aria-label="Service views">
      {SERVICE_TABS.map((tab, index) => (
        <button
          key={tab}
          type="button"
          role="tab"
          id={`tab-${tab}`}
          aria-selected={selected === tab}
          aria-controls={`panel-${tab}`}
          tabIndex={selected === tab ? 0 : -1}
          title={`${SERVICE_TAB_LABEL[tab]} (${index + 1})`}
          onClick={() => onSelect(tab)}
          onKeyDown={(event) => {
            const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
            if (step === 0) return;
            const next = SERVICE_TABS[(index + step + SERVICE_TABS.length) % SERVICE_TABS.length];
            if (next) {
              onSelect(next);
              document.getElementById(`tab-${next}`)?.focus();
            }
          }}
        >
          {SERVICE_TAB_LABEL[tab]}
        </button>
      ))}
    </div>
  );
}
